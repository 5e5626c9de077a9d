/**
 * The network doctor's report in the person's language: main gives each finding a stable code
 * and its values (shared/bridge/doctor.ts), the catalogue's `doctor.<code>` says it; a finding
 * without a code, or with one this version's catalogue lacks, shows main's English sentence.
 */
import type {
  DoctorCheckId,
  DoctorCheckResult,
  DoctorParams,
  DoctorStatus,
} from '../../../shared/bridge/doctor'
import { t } from './i18n'

/** Keys are built from codes at run time, so they cannot be checked against the catalogue's type. */
type Lookup = (key: string, options: Record<string, unknown>) => string

function say(code: string | undefined, params: DoctorParams | undefined, english: string): string {
  if (code === undefined) return english
  const count = params?.count
  return (t as unknown as Lookup)(`doctor.${code}`, {
    // Under `replace`, so that no value can stand for one of i18next's own options.
    replace: params ?? {},
    ...(typeof count === 'number' ? { count } : {}),
    defaultValue: english,
  })
}

/** What the check found. */
export function doctorFound(result: DoctorCheckResult): string {
  return say(result.code, result.params, result.found)
}

/** What to do about it; null when there is nothing to do. */
export function doctorFix(result: DoctorCheckResult): string | null {
  return result.fix === null ? null : say(result.fixCode, result.params, result.fix)
}

export function checkTitle(id: DoctorCheckId): string {
  switch (id) {
    case 'interfaces':
      return t('doctorPanel.titleInterfaces')
    case 'multicast':
      return t('doctorPanel.titleMulticast')
    case 'mdns-port':
      return t('doctorPanel.titleMdnsPort')
    case 'firewall':
      return t('doctorPanel.titleFirewall')
    case 'vpn':
      return t('doctorPanel.titleVpn')
    case 'room':
      return t('doctorPanel.titleRoom')
  }
}

export function statusText(status: DoctorStatus): string {
  switch (status) {
    case 'ok':
      return t('doctorPanel.statusOk')
    case 'warn':
      return t('doctorPanel.statusWarn')
    case 'fail':
      return t('doctorPanel.statusFail')
    case 'skipped':
      return t('doctorPanel.statusSkipped')
  }
}
