export { InMemoryObjectStore } from './in-memory-object-store';
