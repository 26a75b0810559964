"""Sign in: shown at every practice page's address while sign-in is configured and nobody is signed in."""

import streamlit as st

from app_pages import accounts, common
from app_pages.i18n import _

if accounts.signed_in() is not None:
    common.go(common.GALLERY)

st.title(_("Sign in"), anchor=False)
st.write(_("Sign in to practise: your interviews, reports and your coach's feedback are yours alone, and your "
           "coach sees them."))
accounts.signin_form()
