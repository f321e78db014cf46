/** A fake Clerk on 127.0.0.1: RSA keys, a JWKS endpoint and token minting with any claims. */
package donna.testkit.clerk;
