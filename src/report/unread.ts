// Blobs a scan meant to read and could not: what makes a report incomplete, said the same way by every format.
import type { ScanSummary, SkipReason } from '../findings/report-types.js';

const UNREAD: ReadonlySet<SkipReason> = new Set<SkipReason>(['missing', 'failed', 'timeout']);

export function isUnread(reason: SkipReason): boolean {
  return UNREAD.has(reason);
}

/** Reports written before the time budget existed have no timeout count. */
export function unreadCount(summary: Pick<ScanSummary, 'blobsSkipped'>): number {
  return Object.entries(summary.blobsSkipped).reduce((total, [reason, count]) => total + (isUnread(reason as SkipReason) ? (count ?? 0) : 0), 0);
}

export function unreadWhy(reason: SkipReason): string {
  return reason === 'missing' ? 'read' : reason === 'timeout' ? 'scanned within the time budget' : 'scanned';
}
