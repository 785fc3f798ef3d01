# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything this collection knows about Twilio Admin Center's screens, in one place.

Twilio publishes no API for Console SSO profiles, so the driver works the UI as a person does,
locating elements by ARIA role and accessible name. Each entry lists the names it accepts, the
guide's wording first; names are compared without regard to case or runs of whitespace. Names the
guide gives: 'Single Sign-On', 'Create new SSO Profile', 'Audience URL/Entity ID', 'Assertion
consumer service (ACS)/ SSO URL', 'Continue', 'Identity Provider', 'Okta', 'Save & Continue'. The
rest (sign-in, the three IdP field labels the guide shows only in screenshots) are best knowledge.

Users fix a renamed element without code through the modules' ui_overrides option, whose keys are
the entry names below. Admin Center is built with Twilio's design system Paste, whose components
shape the conventions at the end of this file.
"""

from __future__ import annotations

from collections import namedtuple

DEFAULT_ADMIN_URL = "https://admin.twilio.com"

# Pages the driver opens by address, relative to admin_url; the SSO list is opened directly.
SSO_PATH = "/sso"
DOMAINS_PATH = "/domains"

Entry = namedtuple("Entry", "role names page")
# role: an ARIA role, or "field" for a labelled value (a form control, or read-only text beside its label).
PAGES = {
    # Sign-in: one page (email and password) or identifier first (email, Continue, then password); then a code.
    "login_email": Entry("field", ("Email", "Email address", "Username"), "sign-in"),
    "login_continue": Entry("button", ("Continue", "Next"), "sign-in"),
    "login_password": Entry("field", ("Password",), "sign-in"),
    "login_submit": Entry("button", ("Log in", "Sign in", "Continue"), "sign-in"),
    "login_totp": Entry("field", ("Verification code", "Authentication code", "Enter the code", "Code"), "sign-in"),
    "login_totp_submit": Entry("button", ("Verify", "Continue", "Submit"), "sign-in"),
    # Navigation: the link is found wherever it is, in a landmark of any name or none; it also means "signed in".
    "nav_sso": Entry("link", ("Single Sign-On", "Single sign on", "SSO"), "any Admin Center page"),
    # The profile list (guide step 1).
    "profiles_list": Entry("table", ("SSO Profiles", "SSO profiles list"), "Single Sign-On list"),
    "create_profile": Entry(
        "button", ("Create new SSO Profile", "Create SSO Profile", "New SSO Profile"), "Single Sign-On list"
    ),
    "open_profile": Entry("link", ("Edit", "View", "Open"), "Single Sign-On list"),
    # The SP metadata screen (guide step 1).
    "sp_entity_id": Entry(
        "field", ("Audience URL/Entity ID", "Audience URL / Entity ID", "SP Entity ID"), "SP metadata and profile"
    ),
    "sp_acs_url": Entry(
        "field",
        ("Assertion consumer service (ACS)/ SSO URL", "Assertion consumer service (ACS) URL", "ACS URL"),
        "SP metadata and profile",
    ),
    "download_sp_metadata": Entry("link", ("Download SP metadata", "Download metadata"), "SP metadata and profile"),
    "confirm_idp_configured": Entry(
        "checkbox", ("I have configured the Signing Option and NameID settings in my IdP",), "SP metadata"
    ),
    "continue": Entry("button", ("Continue", "Next"), "SP metadata"),
    # The profile page.
    "status": Entry("field", ("Status",), "profile"),
    "edit": Entry("button", ("Edit", "Edit profile", "Edit SSO Profile"), "profile"),
    "delete": Entry("button", ("Delete", "Delete profile", "Delete SSO Profile"), "profile"),
    "delete_dialog": Entry("alertdialog", ("Delete SSO Profile", "Delete profile"), "profile"),
    "delete_confirm": Entry("button", ("Delete", "Delete profile", "Confirm"), "delete confirmation"),
    # The identity provider form (guide step 4).
    "friendly_name": Entry("field", ("Friendly name", "Profile name", "Name"), "identity provider form and profile"),
    "identity_provider": Entry("field", ("Identity Provider",), "identity provider form and profile"),
    "idp_entity_id": Entry(
        "field",
        ("Issuer ID/URL", "Issuer URL", "Issuer ID", "Identity Provider Issuer", "Issuer"),
        "identity provider form and profile",
    ),
    "idp_sso_url": Entry(
        "field",
        ("Single sign-on URL", "SSO URL", "Identity Provider Single Sign-On URL", "IdP SSO URL"),
        "identity provider form and profile",
    ),
    "idp_certificate": Entry(
        "field",
        ("X.509 Certificate", "X509 Certificate", "Signing certificate", "Certificate"),
        "identity provider form and profile",
    ),
    "save": Entry("button", ("Save & Continue", "Save and continue", "Save"), "identity provider form"),
    # After step 4 (Twilio's SSO docs, steps 5 and 6): test the connection, then enforce SSO for verified domains.
    "test_connection": Entry("button", ("Test SSO Connection", "Test SSO connection", "Test connection"), "profile"),
    "last_test": Entry("field", ("Last test", "Last SSO test", "Test result", "Last tested"), "profile"),
    "enforced_domains": Entry("field", ("Enforced domains", "SSO enforced for", "Enforced for"), "profile"),
    "enforce_sso": Entry("button", ("Enforce SSO", "Edit enforcement", "Manage enforcement"), "profile"),
    "enforce_dialog": Entry("dialog", ("Enforce SSO", "SSO enforcement"), "enforcement dialog"),
    "enforce_save": Entry("button", ("Save", "Enforce SSO", "Apply"), "enforcement dialog"),
    "domains_list": Entry("table", ("Domains", "Verified domains"), "Domains"),
}

# The Identity Provider choices: the module's names and the texts people see (the select's option values are
# Twilio's enum codes, which the driver never relies on).
IDENTITY_PROVIDER_OPTIONS = {
    "okta": ("Okta",),
    "azure_ad": ("Azure ActiveDirectory", "Azure Active Directory", "Microsoft Entra ID"),
    "generic_saml": ("Other/Generic SAML 2.0", "Other / Generic SAML 2.0", "Generic SAML 2.0"),
}
# How the list and the profile show "no value" (Paste tables often show an em dash).
EMPTY_VALUES = ("", "-", "\u2014", "None")
# 'Create new SSO Profile' creates the profile at once under a name of this form, until it is configured.
DRAFT_NAME_PATTERN = r"SSO Profile \d+"
# A profile's address: what its pages' paths start with (its SP metadata page, its edit form, its overview).
PROFILE_REF_PATTERN = r"/sso/profiles/[^/?#]+"
# The profile list: a table (named or not) or a list, outside the navigation; none at all is Paste's empty
# state (a card with the create button). Each row's name is its name link or its first cell, and its address
# is the link that opens it (an Edit link or the name link).
PROFILE_ROWS_SCRIPT = """({listNames, openNames, navNames}) => {
  const norm = (t) => (t || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const isNav = (el) => el.closest('nav, [role=navigation]') ||
    [...el.querySelectorAll('a')].some((a) => navNames.map(norm).includes(norm(a.textContent)));
  const named = (el) => listNames.map(norm).includes(norm(el.getAttribute('aria-label')));
  const candidates = [...document.querySelectorAll('table, ul, ol, [role=table], [role=list]')]
    .filter((el) => !isNav(el) && el.offsetParent !== null);
  const container = candidates.find(named) || candidates.find((el) => el.matches('table, [role=table]')) || candidates[0];
  if (!container) { return []; }
  const rows = container.matches('table, [role=table]')
    ? [...container.querySelectorAll('tr')].filter((r) => r.querySelector('td, [role=cell]'))
    : [...container.children].filter((el) => el.matches('li, [role=listitem]'));
  return rows.map((row) => {
    const links = [...row.querySelectorAll('a[href]')];
    const open = links.find((a) => openNames.map(norm).includes(norm(a.textContent)));
    const nameLink = links.find((a) => a !== open);
    const first = row.querySelector('td, [role=cell]') || row.firstElementChild || row;
    const name = (nameLink ? nameLink.textContent : first.textContent).replace(/\\s+/g, ' ').trim();
    const ref = (open || nameLink || {getAttribute: () => null}).getAttribute('href');
    return {name, ref};
  });
}"""
# A read-only value beside its label: the label's element, and the element right after it holds the value.
_BESIDE_LABEL_JS = """
  const besideLabel = (wanted) => {
    const labels = [...document.querySelectorAll('dt, th, label, [data-label]')].filter((el) => el.offsetParent !== null);
    for (const name of wanted) {
      const label = labels.find((el) => norm(el.textContent) === name);
      const next = label && label.nextElementSibling;
      // A control there (or inside) is a field's, which Playwright's label lookup reads.
      if (next && !next.matches(CONTROLS) && !next.querySelector(CONTROLS)) {
        return next.textContent.trim();
      }
    }
    return null;
  };"""
_NORM_JS = """
  const norm = (t) => (t || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const CONTROLS = 'input, textarea, select';"""
VALUE_BESIDE_LABEL_SCRIPT = "(names) => {%s%s\n  return besideLabel(names.map(norm));\n}" % (_NORM_JS, _BESIDE_LABEL_JS)
# Several fields' values in one call, {key: [names]} -> {key: value or null}: a visible form control whose label
# (label element, aria-labelledby or aria-label) is one of the names, its value (a select's chosen text); else the
# text beside such a label. null sends the driver to its one-field-at-a-time lookup through Playwright's locators.
FIELD_VALUES_SCRIPT = """(fields) => {%s%s
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const labelsOf = (el) => {
    const byIds = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => (document.getElementById(id) || {}).textContent || '').join(' ');
    return [byIds, el.getAttribute('aria-label'), ...[...(el.labels || [])].map((l) => l.textContent)].map(norm);
  };
  const controls = [...document.querySelectorAll(CONTROLS)].filter(shown);
  const valueOf = (el) => el.tagName === 'SELECT' ? (el.selectedOptions[0] ? el.selectedOptions[0].text : '') : el.value;
  const values = {};
  for (const [key, names] of Object.entries(fields)) {
    const wanted = names.map(norm);
    const control = controls.find((el) => labelsOf(el).some((label) => wanted.includes(label)));
    values[key] = control ? valueOf(control) : besideLabel(wanted);
  }
  return values;
}""" % (_NORM_JS, _BESIDE_LABEL_JS)
# A same-origin document fetched by the page: {ok, text}; a network error is not ok either.
FETCH_TEXT_SCRIPT = """async (url) => {
  try {
    const response = await fetch(url, {credentials: 'same-origin'});
    return {ok: response.ok, text: await response.text()};
  } catch (error) {
    return {ok: false, text: String(error)};
  }
}"""
# Paste marks loading content with aria-busy (SkeletonLoader rows, a loading Button): wait until none is left.
BUSY_SELECTOR = "main [aria-busy=true]"
# Only these count as errors from a write: an Alert (role alert) that appears after the submit, and is not a
# warning. Paste prefixes an Alert's text with a screen-reader-only "(error)" or "(warning)".
ALERT_ROLE = "alert"
WARNING_PREFIX = "(warning)"
ERROR_PREFIX = "(error)"
# A save or delete is recognised by its own outcome: a toast (role status), a route change or a new error alert.
TOAST_ROLE = "status"
# Roles that stand in for each other: Paste renders a Button as a link and an Anchor as a button alike, and a
# destructive confirmation may be an AlertDialog or a Modal.
ROLES_ALIKE = {
    "button": ("button", "link"),
    "link": ("link", "button"),
    "alertdialog": ("alertdialog", "dialog"),
    "dialog": ("dialog", "alertdialog"),
}
# The accessible roles the driver lists when an element is missing, by the kind of entry.
ROLES_OF_KIND = {"field": ("textbox", "combobox", "checkbox"), "table": ("table", "list")}
# How the profile page shows the last connection test: "Succeeded (when)" or "Failed (when): Twilio's reason".
TEST_RESULT_PATTERN = r"^(?P<outcome>[^(:]+?)\s*(?:\((?P<when>[^)]*)\))?\s*(?::\s*(?P<reason>.*))?$"
TEST_SUCCEEDED = ("Succeeded", "Passed", "Successful", "Success")
TEST_FAILED = ("Failed", "Failure", "Unsuccessful")
# Twilio's reasons for a failed test (its troubleshooting page), as texts to recognise, by the reason's code.
TEST_FAILURE_TEXTS = (
    (r"RelayState", "relay_state_missing"),
    (r"encrypt", "assertion_encrypted"),
    (r"not signed", "response_not_signed"),
    (r"signature is invalid|certificate", "certificate_mismatch"),
    (r"Issuer", "issuer_mismatch"),
    (r"Audience|Entity ID", "audience_mismatch"),
    (r"Destination|Recipient|ACS", "acs_url_mismatch"),
    (r"NameID", "name_id_format"),
    (r"already enabled .* another", "sso_enabled_on_other_profile"),
    (r"not an active managed user|not a managed user|no such user", "not_managed_user"),
    (r"expired|not yet valid", "clock_skew"),
)
# The profile page lists its enforced domains separated by commas; a domain whose change is still being applied
# carries a note in parentheses.
ENFORCED_DOMAIN_PATTERN = r"^(?P<name>[^\s(]+)\s*(?:\((?P<note>[^)]*)\))?$"
PENDING_NOTES = ("pending", "removal pending", "in progress", "applying")
REMOVAL_NOTES = ("removal pending", "removing")
# The Domains table: its columns by header text, the verified status, and Paste's Badge beside an enforcing
# profile's name while the change is pending.
DOMAIN_COLUMNS = {
    "name": ("Domain", "Domain name"),
    "status": ("Status", "Verification status"),
    "verification_method": ("Verification method", "Method"),
    "enforced_by": ("SSO enforcement", "SSO", "Single Sign-On", "Enforced by"),
}
VERIFIED_TEXTS = ("Verified",)
BADGE_SELECTOR = "[data-paste-element=BADGE]"
DOMAIN_ROWS_SCRIPT = """({listNames, columns, badge}) => {
  const norm = (t) => (t || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const tables = [...document.querySelectorAll('table, [role=table]')].filter((el) => el.offsetParent !== null);
  const table = tables.find((el) => listNames.map(norm).includes(norm(el.getAttribute('aria-label')))) || tables[0];
  if (!table) { return null; }
  const headers = [...table.querySelectorAll('th, [role=columnheader]')].map((h) => norm(h.textContent));
  const index = {};
  for (const [key, names] of Object.entries(columns)) {
    index[key] = headers.findIndex((h) => names.map(norm).includes(h));
  }
  const rows = [...table.querySelectorAll('tr')].filter((r) => r.querySelector('td, [role=cell]'));
  return {index, rows: rows.map((row) => [...row.querySelectorAll('td, [role=cell]')].map((cell) => {
    const badges = [...cell.querySelectorAll(badge)].map((b) => b.textContent.trim());
    const clone = cell.cloneNode(true);
    clone.querySelectorAll(badge).forEach((b) => b.remove());
    return {text: clone.textContent.replace(/\\s+/g, ' ').trim(), badges};
  }))};
}"""
# Step 4 as a person does it, for the manual hand-off: where the three values go.
HANDOFF_PATH = "Admin Center > Single Sign-On > your profile > Edit > Identity Provider > Save & Continue"
