import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person notices are for, as their token last said (address, name, language, roles), and what
 * they chose: the language of their notices and the categories they do not want by e-mail.
 */
@Entity({ name: 'recipient' })
export class Recipient {
  @PrimaryColumn('text')
  subject: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  name: string | null;

  /** The language of the token's locale claim (en or fr), when it had one. */
  @Column('text', { name: 'token_language', nullable: true })
  tokenLanguage: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: string[];

  /** The language the person chose for notices; null follows their sign-in's. */
  @Column('text', { name: 'chosen_language', nullable: true })
  chosenLanguage: string | null;

  /** Categories of notices the person does not want by e-mail (they stay in the inbox). */
  @Column('text', { name: 'email_off', array: true, default: () => "'{}'" })
  emailOff: string[];

  @Column('timestamptz', { name: 'seen_at' })
  seenAt: Date;
}
