/**
 * Who may be named in a case's step (pure: the workflow refuses by these rules, and the portal's pickers list by the
 * same ones, so a picker never offers a person the server would refuse).
 */

/** A user as these rules see them. */
export interface CasePerson {
  id: string;
  roles: readonly string[];
  regionCode: string | null;
  certificateNumber: string | null;
  disabled: boolean;
}

/** The roles of the bureau's own officers (not the administrator's, an observer's or a firm's accounts). */
export const OFFICER_ROLES: readonly string[] = ['inspector', 'legal_reviewer', 'head'];

/**
 * Whether the officer's region covers the case's administrative division (the scope rule of the case routes: an
 * officer of '3302' sees the cases of '330200', '330201'…). An account without a region is nobody's officer here.
 */
export function coversCase(person: Pick<CasePerson, 'regionCode'>, divisionCode: string): boolean {
  return person.regionCode !== null && person.regionCode !== '' && divisionCode.startsWith(person.regionCode);
}

/**
 * Why the user may not handle the case, or null when they may: an enabled inspector of the case's region holding
 * an enforcement certificate number (APL art. 42(1); the procedure's assign step refuses a blank one).
 */
export function handlerRefusal(person: CasePerson | undefined, divisionCode: string): string | null {
  if (!person || person.disabled || !person.roles.includes('inspector')) return 'is not an enabled inspector';
  if ((person.certificateNumber ?? '').trim() === '') return 'holds no enforcement certificate number';
  if (!coversCase(person, divisionCode)) return "is not an officer of the case's region";
  return null;
}

/**
 * Why the user may not host the case's hearing, or null: an enabled officer (inspector, legal reviewer or head) of
 * the case's region. That the host is not a handler of the case (APL art. 64(4)) is the procedure's own check.
 */
export function hostRefusal(person: CasePerson | undefined, divisionCode: string): string | null {
  if (!person || person.disabled || !person.roles.some((r) => OFFICER_ROLES.includes(r))) {
    return 'is not an enabled officer';
  }
  if (!coversCase(person, divisionCode)) return "is not an officer of the case's region";
  return null;
}
