/**
 * Account protection's own records and their readers: known places, security events, login
 * history, trusted networks. Read functions take `(db, { accountId }, now)` so that the legal
 * procedure and users' data rights can reuse them.
 */
export { describePlace, isKnownPlace, listKnownPlaces, placeKey, placeOf, rememberPlaceStatement, removeKnownPlace, touchKnownPlaceStatement, type KnownPlace, type Place } from "./places";
export { listSecurityEvents, recordSecurityEventStatement, SECURITY_EVENT_KINDS, type NewSecurityEvent, type SecurityEvent, type SecurityEventKind } from "./events";
export { listLoginHistory, type LoginHistoryEntry } from "./history";
export { addTrustedNetwork, listTrustedNetworks, removeTrustedNetwork, sharingNetworkOf, type AddTrustedOutcome, type TrustedNetwork } from "./trusted-networks";
export { readSecurityOverview, type SecurityOverview } from "./overview";
