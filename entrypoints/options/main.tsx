import { render } from 'preact';

render(<main>Balance Watch settings</main>, document.getElementById('app') as HTMLElement);
