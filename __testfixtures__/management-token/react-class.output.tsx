import * as React from 'react';
import { Management } from 'auth0-js';

interface Props {
  domain: string;
  userId: string;
}

interface State {
  nickname?: string;
}

export class NicknameForm extends React.Component<Props, State> {
  state: State = {};

  save = (nickname: string) => {
    const idToken = localStorage.getItem('id_token');
    const management = new Management({ domain: this.props.domain, token: localStorage.getItem('access_token')! });
    management.patchUserMetadata(this.props.userId, { nickname }, () => this.setState({ nickname }));
  };

  render() {
    return <button onClick={() => this.save('ada')}>{this.state.nickname ?? 'Save'}</button>;
  }
}
