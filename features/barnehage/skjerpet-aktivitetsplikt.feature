# language: no
@barnehage @bhl
Egenskap: Skjerpet aktivitetsplikt dersom en som arbeider i barnehagen, krenker et barn – barnehageloven § 43
  Får noen som arbeider i barnehagen, mistanke om eller kjennskap til at en annen som arbeider i
  barnehagen, krenker et barn, skal de straks melde fra til styreren. Er det styreren som krenker,
  skal de melde fra direkte til barnehageeieren. Undersøkelsen skal starte straks.

  Regel: BHG-07 En ansatt mistenkes: straks til styreren – er styreren mistenkt, direkte til eieren

    Scenario: Kollegaen melder fra til styreren samme dag
      Gitt en barnehagesak der en ansatt er mistenkt for å krenke barnet 2025-09-01 kl. 08:30
      Når pedagogisk leder melder fra til styreren 2025-09-01 kl. 09:15
      Så vurderes plikten "report_to_principal" som oppfylt
      Og hjemmelen for "report_to_principal" er «barnehageloven § 43»

    Scenario: Kollegaen venter to dager – det er ikke «straks»
      Gitt en barnehagesak der en ansatt er mistenkt for å krenke barnet 2025-09-01 kl. 08:30
      Når pedagogisk leder melder fra til styreren 2025-09-03 kl. 08:30
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 43»

    Scenario: Styreren starter ikke undersøkelsen straks
      Gitt en barnehagesak der en ansatt er mistenkt for å krenke barnet 2025-09-01 kl. 08:30
      Og pedagogisk leder melder fra til styreren 2025-09-01 kl. 09:15
      Og styreren melder fra til barnehageeieren 2025-09-01 kl. 10:00
      Når styreren starter undersøkelsen 2025-09-04
      Så vurderes plikten "investigate" som brudd
      Og hjemmelen for "investigate" er «barnehageloven § 43»

    Scenario: Styreren er mistenkt, og pedagogisk leder melder fra direkte til eieren
      Gitt en barnehagesak der styreren er mistenkt for å krenke barnet 2025-09-01 kl. 08:30
      Når pedagogisk leder melder fra direkte til barnehageeieren 2025-09-01 kl. 12:00
      Så vurderes plikten "report_to_principal" som ikke aktuell
      Og plikten "report_to_owner" vurderes som oppfylt
      Og hjemmelen for "report_to_owner" er «barnehageloven § 43»

    Scenario: Styreren er mistenkt, og ingen melder fra til eieren
      Gitt en barnehagesak der styreren er mistenkt for å krenke barnet 2025-09-01 kl. 08:30
      Når tilsynet vurderer saken 2025-09-15
      Så vurderes plikten "report_to_owner" som brudd
