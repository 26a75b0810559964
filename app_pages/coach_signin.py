"""Coach sign-in: the coach passcode with the coach's name, or the organisation's login; or how to set one up.

Registered at its own address and, for someone who is not a coach, at the coach pages' addresses too: a link
to a coach page (``/coach-session?session=…``) signs the coach in first, then opens that page.
"""

import streamlit as st

from app_pages import accounts, browser_session, coach_auth, common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _

NAME = "coach_name"
CODE = "coach_passcode"
MESSAGE = "coach_signin_message"

if coach_auth.is_coach():
    st.switch_page(common.COACH_SESSIONS, query_params=ui.url_param())

st.title(_("Coach sign-in"))
found = coach_auth.secrets()
passcode_set = coach_auth.passcode() is not None
login_set = coach_auth.login_configured(found)

if accounts.mode() == "accounts":
    # Coaches have accounts like everyone else: the same sign-in, and the coach pages for a coach's account.
    person = accounts.signed_in()
    if person is not None:
        st.info(_("You are signed in as {name}, whose account is not a coach's: the coach pages are for "
                  "coaches.").format(name=md(person.name)), icon=":material/block:")
        if st.button(_("Sign out"), key="coach_account_sign_out", icon=":material/logout:"):
            accounts.sign_out()
            st.rerun()
    else:
        st.write(_("Coaches review interviews here: sign in with your account."))
        accounts.signin_form()
    if not passcode_set:
        st.stop()

if not passcode_set and not login_set:
    st.warning(_("Coach review is not set up on this server, so nobody can sign in as a coach yet."),
               icon=":material/lock:")
    st.markdown(_("Whoever runs the app sets a coach passcode in one of two ways, then restarts the app."))
    st.markdown("**" + _("An environment variable") + "**")
    st.code('export INTERVIEW_SIM_COACH_PASSCODE="a long passphrase"', language="bash")
    st.markdown("**" + _("Or a line in {file}").format(file="`.streamlit/secrets.toml`") + "**")
    st.code('coach_passcode = "a long passphrase"', language="toml")
    st.caption(_("With single sign-on, an `[auth]` section in secrets.toml lets coaches log in with their "
                 "organisation account instead; `coach_emails` limits who may. The README's “Coach review” "
                 "section has the details."))
    st.stop()

st.write(_("Coaches review interviews here: they check the scorer's labels, comment, and follow trainees' "
           "progress."))

if login_set:
    user = coach_auth.current_user()
    if user.get("is_logged_in") is True:
        who = user.get("email") or user.get("name") or _("an account")
        st.error(_("You are logged in as {name}, which is not on this app's list of coaches.").format(name=md(who)),
                 icon=":material/block:")
        st.caption(_("Ask whoever runs the app to add your address to `coach_emails` in secrets.toml."))
        if st.button(_("Log out"), key="coach_logout", icon=":material/logout:"):
            st.logout()
    else:
        for provider in coach_auth.login_providers(found):
            label = (_("Log in with your organisation account") if provider is None
                     else _("Log in with {provider}").format(provider=md(provider)))
            if st.button(label, key=f"coach_login_{provider or 'default'}", type="primary", icon=":material/login:"):
                try:
                    st.login(provider) if provider else st.login()
                except Exception as e:  # a half-finished [auth] section: say so, do not crash
                    st.error(_("The login is not set up correctly on this server ({error}).").format(
                        error=f"{md(type(e).__name__)}: {md(e)}"))


def _submit() -> None:
    """Runs before the page does: on success the next run already has the coach pages."""
    message = coach_auth.sign_in(st.session_state.get(NAME), st.session_state.get(CODE))
    st.session_state[CODE] = ""  # never kept, never sent back to the browser
    st.session_state[MESSAGE] = message


if passcode_set:
    if login_set:
        st.markdown("**" + _("Or sign in with the coach passcode") + "**")
    with st.form("coach_signin_form"):
        st.text_input(_("Your name"), key=NAME, max_chars=coach_auth.NAME_MAX, placeholder=_("e.g. Jo Rivera"),
                      help=_("It goes on your labels and comments."), autocomplete="name")
        st.text_input(_("Coach passcode"), key=CODE, type="password", autocomplete="current-password")
        st.form_submit_button(_("Sign in"), key="coach_sign_in", type="primary", icon=":material/login:",
                              on_click=_submit)
    message = st.session_state.pop(MESSAGE, None)
    if message:
        st.error(message, icon=":material/error:")  # our own words: never the passcode
    stay = browser_session.stay_note()
    if stay:
        st.caption(stay)
    else:
        st.caption(_("A passcode sign-in lasts for this browser tab; a reload asks again."))
