// The Single Sign-On screens of the Twilio Admin Center sandbox, a client-rendered app whose markup and
// behaviour follow Twilio's design system Paste (github.com/twilio-labs/paste, packages/paste-core):
//   Checkbox       native input visually hidden (size0, clip rect(0 0 0 0), position absolute); the label is the control
//   Select         native <select> mounted empty, its options (enum values, visible texts) added after mount
//   Combobox       downshift: wrapper role=combobox, text input, listbox of role=option, hidden until opened
//   Card           the empty state: heading, paragraph, primary button
//   Table          <table> with THead/TBody; an accessible name only where the page gives one
//   AlertDialog    @reach/dialog in a portal: role=alertdialog (a Modal: role=dialog), aria-modal, the page aria-hidden
//   Toast          role=status in a portal; Alert role=alert (error, warning) with a screen-reader-only prefix
//   Button         loading: aria-busy=true and disabled; SkeletonLoader: aria-busy=true while data loads
//   Modal          @reach/dialog in a portal: role=dialog, aria-modal, heading, body, footer; the page aria-hidden
//   CheckboxGroup  fieldset with a legend; each Checkbox as above; disabled ones carry help text
//   Badge          a span (data-paste-element BADGE) beside a value: Verified, Unverified, Pending
//   routing        history.pushState; each route loads its data from /api/ (X-Client-Route names the route)
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("app-config").textContent);
  var variant = config.variant;
  var root = document.getElementById("root");
  var uid = 0;
  var PROVIDERS = [["OKTA", "Okta"], ["AZURE_AD", "Azure ActiveDirectory"], ["GENERIC_SAML", "Other/Generic SAML 2.0"]];

  function t(text) { return Object.prototype.hasOwnProperty.call(config.renames, text) ? config.renames[text] : text; }
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; } else if (name.slice(0, 2) === "on") {
        node.addEventListener(name.slice(2), value);
      } else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    });
    return node;
  }
  function srOnly(text) {
    return el("span", {style: "border:none;clip:rect(0 0 0 0);height:1px;margin:-1px;overflow:hidden;padding:0;" +
      "position:absolute;white-space:nowrap;width:1px", text: text});
  }

  // -- data ----------------------------------------------------------------------------------------------
  function api(method, path, body, route) {
    var headers = {"Accept": "application/json"};
    if (route) { headers["X-Client-Route"] = route; }
    if (method !== "GET") { headers["X-CSRF-Token"] = config.csrf; headers["Content-Type"] = "application/json"; }
    return fetch(path, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
                        credentials: "same-origin"}).then(function (response) {
      if (response.status === 401) { window.location.assign("/login?next=" + encodeURIComponent(location.pathname)); }
      return response.text().then(function (text) {
        return {status: response.status, data: text ? JSON.parse(text) : null};
      });
    });
  }

  // -- Paste-shaped components --------------------------------------------------------------------------
  function button(label, onClick, kind) {
    return el("button", {type: "button", "data-paste-element": kind || "BUTTON", "aria-busy": "false",
                         onclick: onClick}, [t(label)]);
  }
  function setLoading(node, loading) {
    node.setAttribute("aria-busy", loading ? "true" : "false");
    node.disabled = loading;
  }
  function link(label, path) {
    return el("a", {href: path, "data-paste-element": "ANCHOR", onclick: function (event) {
      event.preventDefault(); navigate(path);
    }}, [t(label)]);
  }
  function label(text, forId, required) {
    return el("label", {"for": forId, id: forId + "-label", "data-paste-element": "LABEL"},
              [required ? el("span", {"data-paste-element": "LABEL_REQUIRED_DOT", title: ""}) : null, t(text)]);
  }
  function input(text, name, value, opts) {
    opts = opts || {};
    var id = nextId(name);
    var control = opts.multiline
      ? el("textarea", {id: id, name: name, rows: 8, readonly: opts.readonly, "data-paste-element": "TEXTAREA_ELEMENT"})
      : el("input", {id: id, name: name, type: "text", readonly: opts.readonly, "data-paste-element": "INPUT_ELEMENT"});
    control.value = value || "";
    return el("div", {"data-paste-element": "FORM_CONTROL"}, [label(text, id, opts.required), control]);
  }
  function readOnlyValue(text, value) {
    // The value as read-only text beside its label (variant values=text) or as a read-only input.
    if (variant.values === "text") {
      return el("div", {"data-paste-element": "DESCRIPTION_LIST_ITEM"},
                [el("dt", {text: t(text)}), el("dd", {text: value || "—"})]);
    }
    return input(text, text.toLowerCase().replace(/[^a-z]+/g, "_"), value, {readonly: true});
  }
  function checkbox(text, onChange, opts) {
    opts = opts || {};
    var id = nextId("checkbox");
    var box = el("input", {type: "checkbox", id: id, "aria-invalid": "false", "data-paste-element": "CHECKBOX",
                           checked: opts.checked, disabled: opts.disabled, "aria-describedby": opts.help ? id + "-help" : null,
                           style: "width:0;height:0;border:none;overflow:hidden;padding:0;margin:0;" +
                             "white-space:nowrap;text-transform:none;position:absolute;clip:rect(0 0 0 0)"});
    box.addEventListener("change", function () { onChange(box.checked); });
    return el("div", {style: "display:inline-flex;position:relative;flex-direction:column"}, [box,
      el("label", {"for": id, style: "display:flex;cursor:pointer"}, [
        el("span", {"data-paste-element": "CHECKBOX_CONTROL", style: "width:16px;height:16px;border:1px solid #8891aa"}),
        el("span", {"data-paste-element": "CHECKBOX_LABEL_TEXT", text: t(text)})]),
      opts.help ? el("div", {id: id + "-help", "data-paste-element": "HELP_TEXT", text: opts.help}) : null]);
  }
  function badge(text) { return el("span", {"data-paste-element": "BADGE", text: t(text)}); }
  function modal(heading, body, footer) {
    // Paste's Modal: @reach/dialog in a portal, role=dialog; the page behind is aria-hidden while it is open.
    var headingId = nextId("heading");
    var overlay = el("div", {"data-reach-dialog-overlay": "", style: "position:fixed;inset:0;background:rgba(0,0,0,.4)"}, [
      el("div", {role: "dialog", "aria-modal": "true", "aria-labelledby": headingId, "data-reach-dialog-content": "",
                 "data-paste-element": "MODAL", style: "background:#fff;margin:10vh auto;width:480px;padding:16px"}, [
        el("h2", {id: headingId, "data-paste-element": "MODAL_HEADING", text: t(heading)}),
        el("div", {"data-paste-element": "MODAL_BODY"}, body), el("div", {"data-paste-element": "MODAL_FOOTER"}, footer)])]);
    var portal = el("reach-portal", {}, [overlay]);
    root.setAttribute("aria-hidden", "true");
    document.body.appendChild(portal);
    return function close() { portal.remove(); root.removeAttribute("aria-hidden"); };
  }
  function providerSelect(text, value) {
    var id = nextId("identity-provider");
    if (variant.provider === "combobox") {
      var menuId = id + "-menu";
      var current = PROVIDERS.filter(function (p) { return p[0] === value; })[0];
      var field = el("input", {id: id, type: "text", "aria-autocomplete": "list", "aria-controls": menuId,
                               "aria-labelledby": id + "-label", autocomplete: "off", "data-code": value || ""});
      field.value = current ? current[1] : "";
      var menu = el("ul", {id: menuId, role: "listbox", "aria-labelledby": id + "-label", hidden: true},
        PROVIDERS.map(function (p) {
          return el("li", {role: "option", "aria-selected": p[0] === value ? "true" : "false", onclick: function () {
            field.value = p[1]; field.setAttribute("data-code", p[0]); menu.hidden = true;
            wrapper.setAttribute("aria-expanded", "false");
            field.dispatchEvent(new Event("change", {bubbles: true}));
          }}, [p[1]]);
        }));
      var wrapper = el("div", {role: "combobox", "aria-haspopup": "listbox", "aria-owns": menuId,
                               "aria-expanded": "false"}, [field]);
      field.addEventListener("keydown", function (event) { event.preventDefault(); });
      field.addEventListener("click", function () {
        menu.hidden = !menu.hidden; wrapper.setAttribute("aria-expanded", menu.hidden ? "false" : "true");
      });
      return {node: el("div", {}, [label(text, id, true), wrapper, menu]), value: function () { return field.getAttribute("data-code"); },
              control: field};
    }
    var select = el("select", {id: id, name: "identity_provider", "data-not-selectize": "true",
                               "data-paste-element": "SELECT_ELEMENT"});
    // Paste's Select renders an empty <select> and mounts its options in an effect.
    setTimeout(function () {
      select.appendChild(el("option", {value: ""}, [t("Select an Identity Provider")]));
      PROVIDERS.forEach(function (p) { select.appendChild(el("option", {value: p[0]}, [p[1]])); });
      select.value = value || "";
      select.dispatchEvent(new Event("change", {bubbles: true}));
    }, 50);
    return {node: el("div", {}, [label(text, id, true), select]), value: function () { return select.value; },
            control: select};
  }
  function alertBox(kind, message) {
    return el("div", {role: "alert", "data-paste-element": "ALERT", "data-variant": kind},
              [srOnly(kind === "error" ? "(error)" : "(warning)"), " " + message]);
  }
  function toast(message) {
    var portal = el("div", {"data-paste-element": "TOASTER", "data-reach-portal": ""},
                    [el("div", {role: "status", "data-paste-element": "TOAST"}, [srOnly("(success)"), " " + message])]);
    document.body.appendChild(portal);
    setTimeout(function () { portal.remove(); }, 4000);
  }
  function alertDialog(heading, body, confirmLabel, onConfirm) {
    var headingId = nextId("heading"), bodyId = nextId("body");
    var confirm = button(confirmLabel, function () {
      setLoading(confirm, true);
      onConfirm().then(close);
    }, "DESTRUCTIVE_BUTTON");
    var overlay = el("div", {"data-reach-dialog-overlay": "", style: "position:fixed;inset:0;background:rgba(0,0,0,.4)"}, [
      el("div", {role: variant.dialog, "aria-modal": "true", "aria-labelledby": headingId, "aria-describedby": bodyId,
                 "data-reach-dialog-content": "", style: "background:#fff;margin:10vh auto;width:400px;padding:16px"}, [
        el("h2", {id: headingId, text: t(heading)}), el("p", {id: bodyId, text: body}),
        el("div", {}, [button("Cancel", close, "SECONDARY_BUTTON"), confirm])])]);
    var portal = el("reach-portal", {}, [overlay]);
    function close() { portal.remove(); root.removeAttribute("aria-hidden"); }
    root.setAttribute("aria-hidden", "true");  // what @reach/dialog's hideOthers does to the page behind
    document.body.appendChild(portal);
  }
  function skeletonRows(count) {
    var rows = [];
    for (var i = 0; i < count; i += 1) {
      rows.push(el("tr", {}, [el("td", {colspan: 3}, [el("div", {"aria-busy": "true", "data-paste-element": "SKELETON_LOADER",
        style: "height:12px;background:#e1e3ea"})])]));
    }
    return el("table", {}, [el("tbody", {}, rows)]);
  }

  // -- pages ---------------------------------------------------------------------------------------------
  var main = el("main", {id: "main"});
  function pageHeading(text) { return el("h1", {"data-paste-element": "HEADING", text: text}); }
  function show(children) {
    main.innerHTML = "";
    children.forEach(function (child) { if (child) { main.appendChild(child); } });
  }
  function providerText(code) {
    var found = PROVIDERS.filter(function (p) { return p[0] === code; })[0];
    return found ? found[1] : "";
  }

  function profileList(route) {
    show([pageHeading(t("Single Sign-On")), skeletonRows(3)]);
    return api("GET", "/api/sso/profiles", null, route).then(function (answer) {
      var profiles = answer.data || [];
      var create = button("Create new SSO Profile", function () {
        setLoading(create, true);
        api("POST", "/api/sso/profiles", {}).then(function (created) {
          if (created.status === 201) { navigate("/sso/profiles/" + created.data.id + "/sp-metadata"); return; }
          setLoading(create, false);
          main.insertBefore(alertBox("error", (created.data && created.data.message) || "Something went wrong."), main.firstChild);
        });
      }, "PRIMARY_BUTTON");
      var warning = variant.warning ? alertBox("warning", "Changes to SSO profiles apply to every user of your organization.") : null;
      if (!profiles.length) {
        show([pageHeading(t("Single Sign-On")), warning, el("section", {"data-paste-element": "CARD"}, [
          el("h2", {text: "Set up Single Sign-On"}),
          el("p", {text: "Let people sign in to Twilio with your organization's identity provider."}), create])]);
        return;
      }
      var opener = function (p) {
        return variant.open === "name" ? link(p.friendly_name, "/sso/profiles/" + p.id) : link("Edit", "/sso/profiles/" + p.id);
      };
      var listing;
      if (variant.list === "list") {
        listing = el("ul", {"aria-label": variant.list_name ? t("SSO Profiles") : null}, profiles.map(function (p) {
          return el("li", {}, [variant.open === "name" ? opener(p) : el("span", {text: p.friendly_name}), " · ",
            el("span", {text: providerText(p.identity_provider) || "—"}), " · ", el("span", {text: p.status}),
            variant.open === "name" ? null : " ", variant.open === "name" ? null : opener(p)]);
        }));
      } else {
        var head = el("thead", {}, [el("tr", {}, ["Friendly name", "Identity Provider", "Status", "Actions"].map(function (h) {
          return el("th", {scope: "col", text: h});
        }))]);
        listing = el("table", {"data-paste-element": "TABLE", "aria-label": variant.list_name ? t("SSO Profiles") : null}, [head,
          el("tbody", {}, profiles.map(function (p) {
            return el("tr", {}, [el("td", {}, [variant.open === "name" ? opener(p) : p.friendly_name]),
              el("td", {text: providerText(p.identity_provider) || "—"}), el("td", {text: p.status}),
              el("td", {}, [variant.open === "name" ? null : opener(p)])]);
          }))]);
      }
      show([pageHeading(t("Single Sign-On")), warning, create, listing]);
    });
  }

  function withProfile(id, route, render) {
    show([pageHeading("…"), el("div", {"aria-busy": "true", "data-paste-element": "SKELETON_LOADER"})]);
    return api("GET", "/api/sso/profiles/" + id, null, route).then(function (answer) {
      if (answer.status !== 200) { show([pageHeading("Page not found")]); return; }
      render(answer.data);
    });
  }

  function metadataLink(profile) {
    var url = "/api/sso/profiles/" + profile.id + "/sp-metadata.xml";
    if (variant.metadata === "button") {
      // As single-page apps often do: a Button that fetches the document and saves it from a Blob (no address to
      // follow), through a throwaway anchor with the download attribute.
      return el("p", {}, [button("Download SP metadata", function () {
        fetch(url, {credentials: "same-origin"}).then(function (response) { return response.blob(); }).then(function (blob) {
          var save = el("a", {href: URL.createObjectURL(blob), download: "twilio-sp-metadata.xml"}, []);
          document.body.appendChild(save);
          save.click();
          save.remove();
        });
      })]);
    }
    return el("p", {}, [el("a", {href: url, download: "twilio-sp-metadata.xml"}, [t("Download SP metadata")])]);
  }

  function spMetadata(profile) {
    var go = button("Continue", function () { navigate("/sso/profiles/" + profile.id + "/configure"); }, "PRIMARY_BUTTON");
    var confirm = null;
    if (variant.confirm) {
      go.disabled = true;
      confirm = checkbox("I have configured the Signing Option and NameID settings in my IdP", function (checked) {
        go.disabled = !checked;
      });
    }
    show([pageHeading(t("Service provider metadata")),
          el("p", {text: "Copy these values into your identity provider, or download the SP metadata."}),
          readOnlyValue("Audience URL/Entity ID", profile.sp_entity_id),
          readOnlyValue("Assertion consumer service (ACS)/ SSO URL", profile.sp_acs_url),
          metadataLink(profile), confirm, el("p", {}, [go])]);
  }

  function configure(profile) {
    var name = input("Friendly name", "friendly_name", profile.friendly_name, {required: true});
    var provider = providerSelect("Identity Provider", profile.identity_provider);
    var issuer = input("Issuer ID/URL", "idp_entity_id", profile.idp_entity_id, {required: true});
    var ssoUrl = input("Single sign-on URL", "idp_sso_url", profile.idp_sso_url, {required: true});
    var cert = input("X.509 Certificate", "idp_certificate", profile.idp_certificate, {required: true, multiline: true});
    var idpFields = el("fieldset", {hidden: !profile.identity_provider}, [el("legend", {text: "Identity Provider metadata"}),
                                                                          issuer, ssoUrl, cert]);
    provider.control.addEventListener("change", function () { idpFields.hidden = !provider.value(); });
    var errors = el("div", {});
    var save = button("Save & Continue", function () {
      setLoading(save, true);
      errors.innerHTML = "";
      var value = function (field) { return field.querySelector("input,textarea").value; };
      api("PUT", "/api/sso/profiles/" + profile.id, {friendly_name: value(name), identity_provider: provider.value(),
        idp_entity_id: value(issuer), idp_sso_url: value(ssoUrl), idp_certificate: value(cert)}).then(function (answer) {
        setLoading(save, false);
        if (answer.status === 200) { toast("SSO profile saved."); navigate("/sso/profiles/" + profile.id); return; }
        var messages = (answer.data && answer.data.errors) || ["Something went wrong. Try again."];
        messages.forEach(function (m) { errors.appendChild(alertBox("error", m)); });
      });
    }, "PRIMARY_BUTTON");
    // The edit form keeps the profile's name as its heading while it saves.
    show([pageHeading(profile.friendly_name), errors, name, provider.node, idpFields, el("p", {}, [save])]);
  }

  function when(seconds) {
    var d = new Date(seconds * 1000);
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear() + " " + two(d.getUTCHours()) + ":" +
      two(d.getUTCMinutes()) + ":" + two(d.getUTCSeconds()) + " UTC";
  }
  function lastTestText(test) {
    if (!test) { return "—"; }
    return (test.ok ? t("Succeeded") : t("Failed")) + " (" + when(test.at) + ")" + (test.ok ? "" : ": " + test.message);
  }
  function enforcedText(domains) {
    if (!domains.length) { return "—"; }
    return domains.map(function (d) { return d.state === "enforced" ? d.name : d.name + " (" + t(d.state) + ")"; }).join(", ");
  }
  function testConnection(profile, testButton) {
    // The test runs in a new tab at the identity provider; this page waits for its result and shows it.
    setLoading(testButton, true);
    window.open("/sso/profiles/" + profile.id + "/test/start", "_blank");
    var before = JSON.stringify(profile.last_test);
    var waiting = el("div", {role: "status", "data-paste-element": "ALERT", "data-variant": "neutral"},
                     [srOnly("(information)"), " " + t("Complete the test in the new tab. This page shows the result.")]);
    main.insertBefore(waiting, main.firstChild);
    var poll = setInterval(function () {
      api("GET", "/api/sso/profiles/" + profile.id).then(function (answer) {
        if (answer.status !== 200 || JSON.stringify(answer.data.last_test) === before) { return; }
        clearInterval(poll);
        overview(answer.data);
        if (answer.data.last_test.ok) { toast(t("SSO connection test succeeded.")); } else {
          main.insertBefore(alertBox("error", t("SSO connection test failed") + ": " + answer.data.last_test.message), main.firstChild);
        }
      });
    }, 500);
  }
  function enforceDialog(profile) {
    api("GET", "/api/domains").then(function (answer) {
      var enforced = profile.enforced_domains.map(function (d) { return d.name; });
      var boxes = [];
      var group = el("fieldset", {"data-paste-element": "CHECKBOX_GROUP"}, [el("legend", {text: t("Verified domains")})]
        .concat((answer.data || []).filter(function (d) { return d.status === "Verified"; }).map(function (d) {
          var other = d.enforced_by && d.enforced_by !== profile.friendly_name;
          var node = checkbox(d.name, function () {}, {checked: enforced.indexOf(d.name) >= 0, disabled: other,
                                                      help: other ? "Enforced by " + d.enforced_by : null});
          boxes.push({name: d.name, input: node.querySelector("input")});
          return node;
        })));
      var errors = el("div", {});
      var close;
      var save = button("Save", function () {
        setLoading(save, true);
        errors.innerHTML = "";
        var names = boxes.filter(function (b) { return b.input.checked; }).map(function (b) { return b.name; });
        api("PUT", "/api/sso/profiles/" + profile.id + "/enforcement", {domains: names}).then(function (result) {
          setLoading(save, false);
          if (result.status === 202) {
            close(); toast(t("SSO enforcement is being applied. This can take a few minutes.")); overview(result.data); return;
          }
          ((result.data && result.data.errors) || ["Something went wrong. Try again."]).forEach(function (m) {
            errors.appendChild(alertBox("error", m));
          });
        });
      }, "PRIMARY_BUTTON");
      close = modal("Enforce SSO", [
        alertBox("warning", "Keep at least one organization administrator outside SSO enforcement: Twilio's OAuth " +
                 "authorization page does not support SSO."),
        el("p", {text: "Members of the selected domains must log in with SSO."}), errors, group],
        [button("Cancel", function () { close(); }, "SECONDARY_BUTTON"), " ", save]);
    });
  }

  function overview(profile) {
    var heading = variant.heading === "contains" ? t("SSO profile") + ": " + profile.friendly_name : profile.friendly_name;
    var remove = button("Delete", function () {
      alertDialog("Delete SSO Profile", "Delete the SSO Profile " + profile.friendly_name + "? This cannot be undone.", "Delete",
        function () {
          return api("DELETE", "/api/sso/profiles/" + profile.id).then(function (answer) {
            if (answer.status === 204) { toast("SSO profile deleted."); navigate("/sso"); }
          });
        });
    }, "DESTRUCTIVE_SECONDARY_BUTTON");
    var testButton = button("Test SSO Connection", function () { testConnection(profile, testButton); }, "SECONDARY_BUTTON");
    var enforceButton = button("Enforce SSO", function () { enforceDialog(profile); }, "PRIMARY_BUTTON");
    enforceButton.disabled = profile.status !== "Tested";  // Twilio: enforce only after a successful test
    show([pageHeading(heading),
          variant.warning ? alertBox("warning", "Test the SSO connection before you enforce SSO.") : null,
          el("p", {}, [button("Edit", function () { navigate("/sso/profiles/" + profile.id + "/configure"); }), " ",
                       link("Service provider metadata", "/sso/profiles/" + profile.id + "/sp-metadata"), " ", remove]),
          profile.identity_provider ? el("p", {}, [testButton, " ", enforceButton]) : null,
          readOnlyValue("Friendly name", profile.friendly_name),
          readOnlyValue("Identity Provider", providerText(profile.identity_provider)),
          readOnlyValue("Status", profile.status),
          readOnlyValue("Last test", lastTestText(profile.last_test)),
          readOnlyValue("Enforced domains", enforcedText(profile.enforced_domains)),
          readOnlyValue("Audience URL/Entity ID", profile.sp_entity_id),
          readOnlyValue("Assertion consumer service (ACS)/ SSO URL",
                        variant.stale_acs_url ? profile.sp_acs_url.replace("/saml/", "/old-saml/") : profile.sp_acs_url),
          readOnlyValue("Issuer ID/URL", profile.idp_entity_id),
          readOnlyValue("Single sign-on URL", profile.idp_sso_url),
          variant.values === "text" ? readOnlyValue("X.509 Certificate", profile.idp_certificate)
            : input("X.509 Certificate", "idp_certificate_view", profile.idp_certificate, {readonly: true, multiline: true}),
          metadataLink(profile)]);
  }

  function domainList(route) {
    show([pageHeading(t("Domains")), skeletonRows(3)]);
    return api("GET", "/api/domains", null, route).then(function (answer) {
      var head = el("thead", {}, [el("tr", {}, ["Domain", "Status", "Verification method", "SSO enforcement"].map(function (h) {
        return el("th", {scope: "col", text: t(h)});
      }))]);
      var rows = (answer.data || []).map(function (d) {
        return el("tr", {}, [el("td", {text: d.name}), el("td", {}, [badge(d.status)]), el("td", {text: d.verification_method}),
          el("td", {}, d.enforced_by ? [el("span", {text: d.enforced_by}), d.pending ? " " : null, d.pending ? badge("Pending") : null]
                                     : ["—"])]);
      });
      show([pageHeading(t("Domains")), el("table", {"data-paste-element": "TABLE", "aria-label": t("Domains")},
                                          [head, el("tbody", {}, rows)])]);
    });
  }

  // -- routing -------------------------------------------------------------------------------------------
  function render(path, route) {
    var match = path.match(/^\/sso\/profiles\/([A-Za-z0-9]+)(\/sp-metadata|\/configure)?$/);
    if (path === "/sso") { return profileList(route); }
    if (path === "/domains") { return domainList(route); }
    if (match) {
      var page = {"/sp-metadata": spMetadata, "/configure": configure}[match[2] || ""] || overview;
      return withProfile(match[1], route, page);
    }
    show([pageHeading(t("Twilio Admin Center")), el("p", {text: "Organization: Sandbox Org"})]);
    return Promise.resolve();
  }
  function navigate(path) {
    history.pushState({}, "", path);
    render(path, path);
  }
  window.addEventListener("popstate", function () { render(location.pathname, location.pathname); });

  var links = [["Twilio Admin", "/"], ["Accounts", "/accounts"], ["Users", "/users"], ["Single Sign-On", "/sso"],
               ["Domains", "/domains"]].map(function (item) { return el("li", {}, [link(item[0], item[1])]); });
  var menu = el("ul", {style: "list-style:none;display:flex;gap:16px;margin:0;padding:8px;background:#121c2d"}, links);
  var sidebar = variant.nav === null ? el("div", {"class": "sidebar"}, [menu])
    : el("nav", {"aria-label": variant.nav || null}, [menu]);
  root.appendChild(sidebar);
  root.appendChild(el("div", {style: "color:#606b85;padding:0 16px", text: config.user}));
  root.appendChild(main);
  render(location.pathname, null);
}());
