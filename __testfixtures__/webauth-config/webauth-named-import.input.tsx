import React from "react";
import { WebAuth, Management } from "auth0-js";

const webAuth = new WebAuth({
  domain: process.env.REACT_APP_AUTH0_DOMAIN as string,
  clientID: process.env.REACT_APP_AUTH0_CLIENT_ID as string,
  redirectUri: window.location.origin,
  responseType: "id_token",
});

export function Profile({ idToken, userId }: { idToken: string; userId: string }) {
  const [name, setName] = React.useState<string | null>(null);
  React.useEffect(() => {
    const management = new Management({ domain: process.env.REACT_APP_AUTH0_DOMAIN as string, token: idToken });
    management.patchUserMetadata(userId, { theme: "dark" }, () => undefined);
    management.getUser(userId, (err, profile) => setName(profile ? profile.name : null));
  }, [idToken, userId]);
  return <button onClick={() => webAuth.authorize({ responseType: "id_token" })}>{name ?? "Log in"}</button>;
}
