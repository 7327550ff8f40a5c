/** Every page at 360 px, signed in as who may open it (half 2 of the visits: every-page.suite.ts). */
import { everyPageSuite } from './every-page.suite';

everyPageSuite(1);
