import React from 'react';
import Auth0Lock from 'auth0-lock';
import auth0 from 'auth0-js';

export default class Login extends React.Component {
  componentDidMount() {
    this.lock = new Auth0Lock(this.props.clientId, 'acme.auth0.com', {
      oidcConformant: true,
      auth: {
        audience: 'https://acme.auth0.com/api/v2/',
        responseType: 'token id_token',
        params: { scope: 'openid profile read:current_user' },
      },
    });
    this.lock.on('authenticated', (result) => {
      const management = new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken });
      management.getUser(result.idTokenPayload.sub, (err, user) => this.setState({ user }));
    });
  }

  showSignup = () => {
    this.lock.show({ initialScreen: 'signUp', auth: { params: { scope: 'openid read:current_user' } } });
  };

  render() {
    return <button onClick={this.showSignup}>Sign up</button>;
  }
}
