// This file only logs in; another file of the package calls the Management API.
export const loginUrl = 'https://acme.auth0.com/authorize?response_type=id_token&client_id=abc123&scope=openid%20email';
