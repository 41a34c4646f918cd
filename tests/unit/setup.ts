// IndexedDB for Dexie in unit tests (happy-dom has none).
import 'fake-indexeddb/auto';
