/** The desktop end of OAuth flows: PKCE, and the loopback redirect receiver shared by sign-in and Gmail connect. */
package donna.core.oauth;
