// Kept so imports of the former grouped module still resolve; each kind now lives in its own module.
export { objectStoreSettings } from "./objectStore";
export { alertmanagerSettings } from "./alertmanager";
export { memcachedSettings } from "./memcached";
export { grafanaSettings } from "./grafana";
