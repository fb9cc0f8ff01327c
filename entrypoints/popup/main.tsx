import { render } from 'preact';

render(<main>Balance Watch</main>, document.getElementById('app') as HTMLElement);
