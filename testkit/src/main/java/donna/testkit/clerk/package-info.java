/**
 * A fake Clerk on 127.0.0.1: RSA keys, a JWKS endpoint that can fail on demand, session and OAuth access token
 * minting with any claims (and forged ones), and the OIDC endpoints for the desktop sign-in flow.
 */
package donna.testkit.clerk;
