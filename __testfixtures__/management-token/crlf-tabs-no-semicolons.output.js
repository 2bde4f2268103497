function onAuthenticated(authResult) {
	if (authResult.idToken) {
		localStorage.setItem("id_token", authResult.idToken)
		localStorage.setItem("access_token", authResult.accessToken)
	}
}

function profile(id, cb) {
	var m = new auth0.Management({ domain: "acme.auth0.com", token: localStorage.getItem("access_token") })
	m.getUser(id, cb)
}
