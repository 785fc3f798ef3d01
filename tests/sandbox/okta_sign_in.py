"""Okta's hosted sign-in page in the Okta sandbox, shaped after Okta's Sign-In Widget (Gen2, Identity Engine).

Markup and words come from the widget's source (github.com/okta/okta-signin-widget): the courage BaseForm
template (h2.o-form-head, div.o-form-error-container, div.o-form-fieldset-container), the TextBox input
(label for=id, aria-label=placeholder, which is empty), the Toolbar's submit input (class button-primary,
data-type=save), the ErrorBanner (div.infobox-error role=alert) and the i18n strings of login.properties:
'Sign In' / 'Username' / 'Next' (identify), 'Verify with your password' / 'Password' / 'Verify', 'Verify
with Google Authenticator' / 'Enter code', 'Unable to sign in' (E0000004) and 'User is not assigned to this
application.' (idx.error.user.not.assigned.to.app). As the widget does, the page's document is an empty
container and the form is mounted by script a moment after load; each step is one form (identifier first,
then the password, then an authenticator).
"""

import html

from sandbox.server import Response

MOUNT_DELAY_MS = 300
STEPS = {
    # step: (form title, subtitle, label, input name, input type, autocomplete, submit text)
    "identify": ("Sign In", "", "Username", "identifier", "text", "username", "Next"),
    "password": (
        "Verify with your password",
        "",
        "Password",
        "credentials.passcode",
        "password",
        "current-password",
        "Verify",
    ),
    "google_otp": (
        "Verify with Google Authenticator",
        "Enter the temporary code generated in your Google Authenticator app",
        "Enter code",
        "credentials.passcode",
        "text",
        "one-time-code",
        "Verify",
    ),
}


def _document(org_name, inner, status=200):
    """The hosted page: the widget's container, the view in a template, and the script that mounts it."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s - Sign In</title></head><body>'
        '<div id="okta-login-container"></div><template id="siw-view">%s</template>'
        "<script>setTimeout(function () {"
        " var view = document.getElementById('siw-view').content.cloneNode(true);"
        " document.getElementById('okta-login-container').appendChild(view);"
        " var first = document.querySelector('#okta-sign-in input:not([type=hidden])'); if (first) { first.focus(); }"
        " }, %d);</script></body></html>" % (html.escape(org_name), inner, MOUNT_DELAY_MS)
    )
    return Response(status, page.encode(), "text/html; charset=utf-8")


def _container(org_name, view_class, content):
    return (
        '<main data-se="auth-container" tabindex="-1" id="okta-sign-in" class="auth-container main-container no-beacon">'
        '<div class="okta-sign-in-header auth-header"><h1><img class="auth-org-logo" alt="%s logo" src="data:,">'
        '</h1></div><div class="auth-content"><div class="auth-content-inner"><div class="siw-main-view %s">'
        '<div class="siw-main-body">%s</div></div></div></div></main>' % (html.escape(org_name), view_class, content)
    )


def _error_banner(message):
    return (
        '<div class="okta-form-infobox-error infobox infobox-error" role="alert"><span class="icon error-16"></span>'
        "<p>%s</p></div>" % html.escape(message)
    )


def step_page(org_name, action, step, state_handle, identifier=None, error=""):
    """One step of the sign-in: a form with one field and the submit button."""
    title, subtitle, label, name, kind, autocomplete, submit = STEPS[step]
    input_id = "input%d" % (28 + len(step))
    shown_identifier = (
        '<div class="identifier-container"><span class="identifier no-translate" data-se="identifier">%s</span></div>'
        % html.escape(identifier)
        if identifier
        else ""
    )
    form = (
        '<form method="POST" action="%s" data-se="o-form" slot="content" class="ion-form o-form o-form-edit-mode">'
        '<input type="hidden" name="stateHandle" value="%s">'
        '<div data-se="o-form-content" class="o-form-content o-form-theme clearfix">'
        '<h2 data-se="o-form-head" class="okta-form-title o-form-head">%s</h2>%s%s'
        '<div class="o-form-error-container%s" data-se="o-form-error-container">%s</div>'
        '<div class="o-form-fieldset-container" data-se="o-form-fieldset-container">'
        '<div data-se="o-form-fieldset-%s" class="o-form-fieldset o-form-label-top">'
        '<div data-se="o-form-label" class="okta-form-label o-form-label"><label for="%s">%s</label></div>'
        '<div data-se="o-form-input-container" class="o-form-input"><span data-se="o-form-input-%s" '
        'class="o-form-input-name-%s o-form-control okta-form-input-field input-fix">'
        '<input type="%s" placeholder="" name="%s" id="%s" value="" aria-label="" autocomplete="%s" '
        'aria-required="true" required></span></div></div></div></div>'
        '<div class="o-form-button-bar"><input class="button button-primary" type="submit" value="%s" '
        'data-type="save"></div></form>'
        % (
            html.escape(action, quote=True),
            html.escape(state_handle, quote=True),
            html.escape(title),
            shown_identifier,
            '<p class="okta-form-subtitle o-form-explain" data-se="o-form-explain">%s</p>' % html.escape(subtitle)
            if subtitle
            else "",
            " o-form-has-errors" if error else "",
            _error_banner(error) if error else "",
            html.escape(name),
            input_id,
            html.escape(label),
            html.escape(name),
            html.escape(name),
            kind,
            html.escape(name),
            input_id,
            autocomplete,
            html.escape(submit),
        )
    )
    view = {"identify": "identify primary-auth"}.get(step, "mfa-verify " + step)
    return _document(org_name, _container(org_name, view, form), 401 if error else 200)


def terminal_page(org_name, message, status=403):
    """The widget's terminal view: an error banner and no form (here: the user is not assigned to the app)."""
    content = (
        '<form data-se="o-form" class="ion-form o-form"><div data-se="o-form-content" class="o-form-content">'
        '<div class="o-form-error-container o-form-has-errors" data-se="o-form-error-container">%s</div></div></form>'
        % _error_banner(message)
    )
    return _document(org_name, _container(org_name, "terminal", content), status)


def not_found_page():
    """What Okta answers for a sign-on URL that names no app of the org."""
    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>404 - Page Not Found</title></head>'
        "<body><h1>404</h1><h2>Page Not Found</h2><p>The page you are looking for can't be found.</p></body></html>"
    )
    return Response(404, body.encode(), "text/html; charset=utf-8")
