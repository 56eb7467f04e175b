/** The staff desk's chunk: its pages and the header tools they share. Loaded lazily from routes.ts. */
import './desk.css';
export { queuePage } from './queue';
export { ticketPage } from './ticket';
export { signInPage } from './sign-in';
export { kbListPage, kbEditorPage } from './kb';
