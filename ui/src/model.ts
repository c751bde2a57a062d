// The API's shapes as the console reads them (docs of each in src/main/java/.../api and docs/).

export interface TagCompliance { tag: string; purchased: number; inUse: number; borrowed: number; balance: number }
export interface VaCompliance { virtualAccountId: number; virtualAccountName: string; tags: TagCompliance[] }
export interface Certificate { name: string; subject: string; notAfter: string; daysLeft: number }
export interface Alert { severity: string; code: string; message: string; source?: string; raisedAt?: string; id?: number }
export interface Dashboard {
  devicesByState: Record<string, number>;
  compliance: VaCompliance[];
  sync: { registered: boolean; lastSyncDown: string | null; dueAt: string | null; overdue: boolean };
  certificates: Certificate[];
  alerts: { count: number; items: Alert[] };
}
export interface VirtualAccount { id: number; name: string; description: string | null; createdAt: string; upstreamManaged: boolean }
export interface ComplianceRow {
  tag: string; displayName: string; purchased: number; inUse: number; lentToLowerTiers: number;
  borrowedFromHigherTier: number; balance: number; inCompliance: boolean;
}
export interface LicensePool {
  id: number; tag: string; displayName: string; quantity: number; type: string; endDate: string | null;
  higherTierTag: string | null; source: string; expired: boolean;
}
export interface HistoryPoint { day: string; tag: string; purchased: number; inUse: number; borrowed: number }
export interface Token {
  id: number; virtualAccountId: number; hint: string; description: string | null; createdAt: string; expiresAt: string;
  maxUses: number; uses: number; usesLeft: number; exportControlled: boolean; revokedAt: string | null;
  createdBy: string; status: string;
}
export interface CreatedToken { token: string; metadata: Token }
export interface InstanceSummary {
  id: string; virtualAccountId: number; pid: string; serialNumber: string; uuid: string; udi: string;
  hostname: string | null; productName: string | null; state: string; registeredAt: string; lastContactAt: string | null;
  idCertificateExpires: string | null; authorizationExpires: string | null;
}
export interface TagAllocation { tag: string; requested: number; coveredExactly: number; borrowedFrom: string | null; borrowed: number; shortfall: number }
export interface DeviceEvent { id: number; instanceId: string; udi: string; type: string; detail: string | null; occurredAt: string }
export interface InstanceDetail {
  instance: InstanceSummary; softwareVersion: string | null; exportControlled: boolean; idCertificateSerial: string | null;
  idCertificatePem: string | null; licenses: TagAllocation[]; recentEvents: DeviceEvent[];
}
export interface SyncSettings {
  schedule: string; syncUrl: string | null; effectiveSyncUrl: string | null; proxyHost: string | null; proxyPort: number | null;
  proxyUsername: string | null; proxyPasswordSet: boolean; nextScheduledRun: string | null;
}
export interface SyncStatus {
  satelliteId: string; satelliteName: string; registered: boolean;
  upstream: { name: string; smartAccount: string; virtualAccounts: string[]; certificateNotAfter: string; boundAt: string; boundBy: string } | null;
  lastSyncUpAt: string | null; lastSyncDownAt: string | null; synchronizationDue: string | null; acknowledgedSequence: number | null;
  lastRequestSequence: number; running: boolean; settings: SyncSettings; consecutiveFailures: number; nextRetryAt: string | null;
  alerts: Alert[];
}
export interface Changes { virtualAccountsCreated: number; linesReceived: number; linesAdded: number; linesChanged: number; linesRemoved: number }
export interface Imported {
  requestSequence: number; type: string; upstreamName: string; virtualAccounts: number; changes: Changes; alerts: number;
  certificateRenewed: boolean; certificateNotAfter: string | null;
}
export interface Synced { requestSequence: number; type: string; instancesSent: number; eventsSent: number; imported: Imported }
export interface SyncHistoryItem {
  id: number; channel: string; operation: string; type: string | null; requestSequence: number | null; result: string;
  detail?: string | null; actor?: string | null; occurredAt?: string; startedAt?: string; finishedAt?: string;
  [key: string]: unknown;
}
export interface User { username: string; role: string; enabled: boolean; virtualAccountIds: number[] | null; mustChangePassword?: boolean; lastLoginAt?: string | null; createdAt?: string }
export interface ApiClient { id: number | string; name: string; scopes: string[]; expiresAt: string | null; createdAt?: string; createdBy?: string; token?: string }
export interface AuditEntry { id: number; occurredAt: string; actor: string; sourceAddress: string | null; action: string; target: string | null; outcome: string; before: string | null; after: string | null }
export interface SettingsOverview {
  deviceDoor: { urls: { callHome: string; smartTransport: string; cslu: string }; configLines: { iosXe: string[]; nxos: string[]; iosXr: string[] } };
  clock: { now: string; ntpSynchronized: boolean | null; source: string | null };
  certificates: Certificate[];
}
export const INSTANCE_STATES = ['REGISTERED', 'AUTHORIZED', 'OUT_OF_COMPLIANCE', 'AUTHORIZATION_EXPIRED'];
export const TOKEN_STATUSES = ['ACTIVE', 'EXPIRED', 'USED_UP', 'REVOKED'];
