import { Injectable } from '@nestjs/common';
import { AccountRepository, type AccountRow } from '@app/persistence';

/** A user as the case workflow needs to know them: name, roles, certificate, and whether they may act. */
export interface CaseActorInfo {
  id: string;
  name: string;
  roles: readonly string[];
  certificateNumber: string | null;
  regionCode: string | null;
  disabled: boolean;
}

/** The account fields both reads return (the full row and the officers' list share them). */
type ActorRow = Pick<
  AccountRow,
  'id' | 'displayName' | 'roles' | 'certificateNumber' | 'regionCode' | 'disabled'
>;

const actorOf = (a: ActorRow): CaseActorInfo => ({
  id: a.id,
  name: a.displayName,
  roles: a.roles,
  certificateNumber: a.certificateNumber,
  regionCode: a.regionCode,
  disabled: a.disabled,
});

/**
 * Who the user ids in a case are (handlers, the hearing host, the actors of its steps). Read before the case's
 * transaction opens: the embedded engine has one connection, held by the transaction until it commits.
 */
@Injectable()
export class CaseActorDirectory {
  constructor(private readonly accounts: AccountRepository) {}

  async find(ids: Iterable<string>): Promise<Map<string, CaseActorInfo>> {
    const out = new Map<string, CaseActorInfo>();
    for (const id of new Set(ids)) {
      const a = await this.accounts.byId(id);
      if (a) out.set(id, actorOf(a));
    }
    return out;
  }

  /** The enabled officers whose region covers the case's administrative division (for the case's pickers). */
  async officersCovering(divisionCode: string): Promise<CaseActorInfo[]> {
    return (await this.accounts.enabledOfficersCovering(divisionCode)).map(actorOf);
  }
}
