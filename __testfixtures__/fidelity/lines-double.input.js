/* global auth0, localStorage */
var webAuth = new auth0.WebAuth({
    domain: "acme.auth0.com",
    clientID: "k5u3o2fiAA8XweXEEX604KCwCjzjtMU6",
    responseType: "id_token",
});

function handleAuthentication() {
    webAuth.parseHash(function (err, authResult) {
        if (authResult && authResult.idToken) {
            localStorage.setItem("id_token", authResult.idToken);
        }
    });
}

function loadProfile(userId, done) {
    var management = new auth0.Management({
        domain: "acme.auth0.com",
        token: localStorage.getItem("id_token"),
    });
    management.getUser(userId, done);
}

module.exports = { handleAuthentication, loadProfile };
