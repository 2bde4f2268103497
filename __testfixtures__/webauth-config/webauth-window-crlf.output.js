var webAuth = new window.auth0.WebAuth({
    domain: "acme.auth0.com",
    clientID: "abc123",
    audience: "https://acme.auth0.com/api/v2/",
    scope: "openid profile email read:current_user",
    responseType: "token id_token",
});

function openPopup() {
    webAuth.popup.authorize({ audience: `https://${AUTH0_DOMAIN}/api/v2/`, scope: "openid email read:current_user" }, function (err, result) {
        render(result);
    });
}

function renew() {
    webAuth.renewAuth({ scope: "openid read:current_user", usePostMessage: true }, function () {});
}

function loadEnrollments(userId) {
    return fetch("https://acme.auth0.com/api/v2/users/" + userId + "/enrollments", {
        headers: { Authorization: "Bearer " + localStorage.getItem("id_token") }
    });
}
