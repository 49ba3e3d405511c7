// Kept so imports of the former grouped module still resolve; each kind now lives in its own module.
export { querySettings } from "./query";
export { queryFrontendSettings } from "./queryFrontend";
export { storeGatewaySettings } from "./storeGateway";
export { compactorSettings } from "./compactor";
export { rulerSettings } from "./ruler";
export { hashring, receiverSettings, type Hashring } from "./receiver";
export { bucketWebSettings } from "./bucketWeb";
