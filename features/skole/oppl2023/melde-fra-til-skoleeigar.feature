# language: no
@skole @oppl2023
Egenskap: Melde frå til skoleeigaren i alvorlege tilfelle – opplæringslova § 12-4 andre ledd
  «Rektor skal melde frå til kommunen eller fylkeskommunen i alvorlege tilfelle.»

  Loven definerer ikke «alvorlege tilfelle»; saken merkes alvorlig av den som vurderer den.
  Kommunens lokale frist er én arbeidsdag; mer enn fem arbeidsdager er klart for sent.

  Regel: SCH-10 Rektor melder fra til skoleeier i alvorlige tilfeller

    Scenario: Saken er ikke alvorlig
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-01
      Så vurderes plikten "report_to_owner" som ikke aktuell

    Scenario: Rektor melder en alvorlig sak til skoleeier dagen etter
      Gitt en skolesak med en bekymring 2025-09-01
      Og bekymringen gjelder et alvorlig tilfelle
      Når læreren melder fra til rektor 2025-09-01
      Og rektor melder fra til skoleeieren 2025-09-02
      Så vurderes plikten "report_to_owner" som oppfylt
      Og hjemmelen for "report_to_owner" er «opplæringslova § 12-4 andre ledd»

    Scenario: Rektor venter tre arbeidsdager med å melde en alvorlig sak til skoleeier
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når rektor vurderer saken som alvorlig 2025-09-02
      Og rektor melder fra til skoleeieren 2025-09-05
      Så vurderes plikten "report_to_owner" som advarsel

    Scenario: Rektor melder aldri en alvorlig sak til skoleeier
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når rektor vurderer saken som alvorlig 2025-09-02
      Og tilsynet vurderer saken 2025-10-01
      Så vurderes plikten "report_to_owner" som brudd
      Og hjemmelen for "report_to_owner" nevner «§ 12-4 andre ledd»
