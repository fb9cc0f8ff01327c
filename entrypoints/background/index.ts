import { defineBackground } from '#imports';
import { startBackground } from '@/lib/engine/background';

// Wiring only: the engine assembles itself and adds every listener synchronously.
export default defineBackground(startBackground);
