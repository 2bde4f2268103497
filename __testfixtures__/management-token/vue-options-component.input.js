import auth0 from 'auth0-js';

const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });

export default {
  name: 'UserProfile',
  data() {
    return {
      idToken: localStorage.getItem('id_token'),
      profile: null
    };
  },
  created() {
    webAuth.checkSession({}, (err, authResult) => {
      if (!err) {
        this.idToken = authResult.idToken;
      }
    });
  },
  methods: {
    login() {
      webAuth.parseHash((err, authResult) => {
        if (err) return;
        localStorage.setItem('id_token', authResult.idToken);
        this.idToken = authResult.idToken;
      });
    },
    loadProfile(userId) {
      const auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: this.idToken });
      auth0Manage.getUser(userId, (err, profile) => {
        this.profile = profile;
      });
    }
  }
};
