var webAuth = new window.auth0.WebAuth({
    domain: "acme.auth0.com",
    clientID: "abc123",
    responseType: "id_token",
});

function openPopup() {
    webAuth.popup.authorize({ audience: `https://${AUTH0_DOMAIN}/userinfo`, scope: "openid email" }, function (err, result) {
        render(result);
    });
}

function renew() {
    webAuth.renewAuth({ scope: "openid", usePostMessage: true }, function () {});
}

function loadEnrollments(userId) {
    return fetch("https://acme.auth0.com/api/v2/users/" + userId + "/enrollments", {
        headers: { Authorization: "Bearer " + localStorage.getItem("id_token") }
    });
}
