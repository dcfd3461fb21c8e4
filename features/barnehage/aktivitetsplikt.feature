# language: no
@barnehage @bhl
Egenskap: Aktivitetsplikten i barnehagen – barnehageloven § 42
  Alle som arbeider i barnehagen, skal følge med på hvordan barna har det, og melde fra til
  styreren (barnehagens leder) ved mistanke om eller kjennskap til at et barn ikke har et trygt
  og godt barnehagemiljø. Styreren varsler barnehageeieren i alvorlige tilfeller. Barnehagen skal
  snarest undersøke saken – også barnets egen opplevelse – og sette inn egnede tiltak.

  Barnehager har åpent hele året: fristene regnes i arbeidsdager. Kommunens lokale frist for å
  melde fra er samme dag.

  Regel: BHG-02 Alle som arbeider i barnehagen, følger med på hvordan barna har det

    Scenario: En ansatt fanger opp at et barn ikke har det bra
      Gitt en barnehagesak med en bekymring 2025-09-01
      Når pedagogisk leder melder fra til styreren 2025-09-01
      Så vurderes plikten "monitor" som oppfylt
      Og hjemmelen for "monitor" er «barnehageloven § 42»

  Regel: BHG-03 Den som får mistanke eller kjennskap, melder fra til styreren

    Scenariomal: Pedagogisk leder melder fra til styreren <dager> arbeidsdager etter bekymringen
      Gitt en barnehagesak med en bekymring 2025-09-01
      Når bekymringen meldes til styreren <dager> arbeidsdager senere
      Så vurderes plikten "report_to_principal" som <vurdering>
      Og hjemmelen for "report_to_principal" er «barnehageloven § 42»

      Eksempler:
        | dager | vurdering | forklaring                                     |
        | 0     | oppfylt   | samme dag                                      |
        | 2     | advarsel  | over den lokale fristen, ikke klart for sent   |
        | 10    | brudd     | to uker – klart utover det saken tillot        |

    Scenario: Barnet sier selv fra, og pedagogisk leder melder fra samme dag
      Gitt en barnehagesak der barnet selv sier fra 2025-09-01
      Når pedagogisk leder melder fra til styreren 2025-09-01
      Så vurderes plikten "report_to_principal" som oppfylt

  Regel: BHG-04 Styreren varsler barnehageeieren i alvorlige tilfeller

    Scenario: Styreren varsler eieren om en alvorlig sak dagen etter
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og bekymringen gjelder et alvorlig tilfelle
      Når pedagogisk leder melder fra til styreren 2025-09-01
      Og styreren melder fra til barnehageeieren 2025-09-02
      Så vurderes plikten "report_to_owner" som oppfylt
      Og hjemmelen for "report_to_owner" er «barnehageloven § 42»

    Scenario: Styreren varsler aldri eieren om en alvorlig sak
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Når styreren vurderer saken som alvorlig 2025-09-02
      Og tilsynet vurderer saken 2025-10-01
      Så vurderes plikten "report_to_owner" som brudd

  Regel: BHG-05 Barnehagen undersøker saken snarest – også barnets egen opplevelse

    Scenario: Styreren starter undersøkelsen dagen etter meldingen
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Når styreren starter undersøkelsen 2025-09-02
      Og barnet blir hørt 2025-09-02 og sier at det ikke har det trygt og godt
      Og styreren konkluderer undersøkelsen 2025-09-04 med at barnet ikke har det trygt og godt
      Så vurderes plikten "investigate" som oppfylt
      Og hjemmelen for "investigate" er «barnehageloven § 42»
      Og plikten "hear_child" vurderes som oppfylt
      Og hjemmelen for "hear_child" nevner «§ 3»

    Scenario: Meldingen kom sent, men undersøkelsen startet samme dag som styreren fikk vite om saken
      Gitt en barnehagesak med en bekymring 2025-09-01
      Når pedagogisk leder melder fra til styreren 2025-09-22
      Og styreren starter undersøkelsen 2025-09-22
      Så vurderes plikten "report_to_principal" som brudd
      Og plikten "investigate" vurderes som oppfylt

    Scenario: Saken blir ikke undersøkt på tre uker
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Når styreren starter undersøkelsen 2025-09-22
      Så vurderes plikten "investigate" som brudd
