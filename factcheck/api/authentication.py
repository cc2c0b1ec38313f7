"""How an API request says who sends it: `Authorization: Bearer <token>`, or the browser's session.

A token is never accepted in the address (it would end up in logs and browser histories): a
request carrying one there is refused, whatever else it carries. Session requests are checked
for CSRF by DRF's SessionAuthentication, as the browser's forms are.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from factcheck.api import tokens

# Query parameters that would carry a token if a client tried to put one in the address.
TOKEN_PARAMETERS = {"token", "access_token", "api_key", "apikey", "api_token", "auth", "bearer"}


def refuse_token_in_address(request):
    for name, values in request.query_params.lists():
        if name.lower() in TOKEN_PARAMETERS or any(
            tokens.TOKEN_ANYWHERE.search(value) for value in values
        ):
            raise exceptions.AuthenticationFailed(
                _(
                    "API tokens are accepted only in the Authorization header "
                    "(Authorization: Bearer <token>), never in the address."
                )
            )


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer fc_<prefix>_<secret>`: request.user is the token's owner and
    request.auth the ApiToken. Expired and revoked tokens, and tokens of deactivated accounts,
    are refused with 401 and a `detail` saying which."""

    keyword = "Bearer"

    def authenticate(self, request):
        refuse_token_in_address(request)
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _space, text = header.partition(" ")
        if keyword.lower() != self.keyword.lower():
            return None
        text = text.strip()
        if not text or " " in text:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>.")
            )
        token = tokens.find_token(text)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.is_expired():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token's account is deactivated."))
        tokens.mark_used(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme for TokenAuthentication: HTTP bearer."""

    target_class = TokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "fc_<prefix>_<secret>",
            "description": "A personal API token, made on your account page.",
        }
