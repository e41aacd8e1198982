import { render } from 'preact';
import { App } from './app/App.tsx';
import { registerServiceWorker, requestPersistentStorage } from './sw-bridge.ts';
import './app/app.css';

render(<App />, document.getElementById('app')!);
registerServiceWorker();
void requestPersistentStorage();
