handleAuthentication();
