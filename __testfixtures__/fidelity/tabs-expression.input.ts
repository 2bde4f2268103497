/* global auth0 */
declare const settings: { domain: string };

export const webAuth = new auth0.WebAuth({
	domain: settings.domain,
	clientID: settings.clientID,
	scope: "openid email",
	responseType: "id_token"
});

export function saveMetadata(authResult: auth0.Auth0DecodedHash, metadata: Record<string, unknown>): void {
	const management = new auth0.Management({ domain: settings.domain, token: authResult.idToken as string });
	management.patchUserMetadata("me", metadata, () => undefined);
}

export async function passwordLogin(username: string, password: string): Promise<Response> {
	return fetch(`https://${settings.domain}/oauth/token`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({
			grant_type: "password",
			username,
			password
		})
	});
}
