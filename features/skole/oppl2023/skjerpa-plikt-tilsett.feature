# language: no
@skole @oppl2023
Egenskap: Skjerpa plikt når ein som arbeider på skolen, krenkjer ein elev – opplæringslova § 12-5
  Får nokon som arbeider på skolen, mistanke om eller kjennskap til at ein annan som arbeider på
  skolen, krenkjer ein elev, skal dei melde frå til rektor «straks». Er det nokon i leiinga som
  krenkjer, skal det meldast direkte til skoleeigaren. Rektor melder alltid frå til skoleeigaren,
  og undersøking og tiltak skal setjast i verk straks.

  Regel: SCH-11 En ansatt mistenkes for å krenke en elev: den som får vite det, melder fra straks til rektor

    Scenario: Kollegaen melder fra til rektor samme formiddag
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Når læreren melder fra til rektor 2025-09-01 kl. 11:00
      Så vurderes plikten "report_to_principal" som oppfylt
      Og hjemmelen for "report_to_principal" er «opplæringslova § 12-5»

    Scenario: Kollegaen venter to dager – det er ikke «straks»
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Når læreren melder fra til rektor 2025-09-03 kl. 09:00
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" nevner «§ 12-5»
      Og begrunnelsen for "report_to_principal" nevner «straks»

  Regel: SCH-13 Rektor melder alltid fra til skoleeier, og undersøkelsen starter straks

    Scenario: Rektor melder fra til skoleeier og starter undersøkelsen samme dag
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Og læreren melder fra til rektor 2025-09-01 kl. 10:00
      Når rektor melder fra til skoleeieren 2025-09-01 kl. 12:00
      Og rektor starter undersøkelsen 2025-09-01 kl. 13:00
      Så vurderes plikten "report_to_owner" som oppfylt
      Og hjemmelen for "report_to_owner" er «opplæringslova § 12-5»
      Og plikten "investigate" vurderes som oppfylt
      Og hjemmelen for "investigate" er «opplæringslova § 12-5»

    Scenario: Rektor melder ikke fra til skoleeier fordi saken ikke virker alvorlig
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Og læreren melder fra til rektor 2025-09-01 kl. 10:00
      Og rektor starter undersøkelsen 2025-09-01 kl. 13:00
      Når tilsynet vurderer saken 2025-09-15
      Så vurderes plikten "report_to_owner" som brudd
      Og hjemmelen for "report_to_owner" nevner «§ 12-5»

    Scenario: Rektor venter to dager med å starte undersøkelsen
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Og læreren melder fra til rektor 2025-09-01 kl. 10:00
      Og rektor melder fra til skoleeieren 2025-09-01 kl. 12:00
      Når rektor starter undersøkelsen 2025-09-03
      Så vurderes plikten "investigate" som brudd
      Og hjemmelen for "investigate" nevner «§ 12-5»

  Regel: SCH-12 Noen i ledelsen mistenkes: meldingen går direkte til skoleeier

    Scenario: Rektor er mistenkt, og læreren melder fra direkte til skoleeier
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Når læreren melder fra direkte til skoleeieren 2025-09-01 kl. 12:00
      Så vurderes plikten "report_to_principal" som ikke aktuell
      Og plikten "report_to_owner" vurderes som oppfylt
      Og hjemmelen for "report_to_owner" er «opplæringslova § 12-5»

    Scenario: Rektor er mistenkt, og ingen melder fra til skoleeier
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Når tilsynet vurderer saken 2025-09-08
      Så vurderes plikten "report_to_owner" som brudd
      Og hjemmelen for "report_to_owner" nevner «§ 12-5»

  Regel: SCH-12 Når leiinga er mistenkt, startar fristen for å undersøkje når skoleeigaren får vite om saka

    Scenario: Rektor er mistenkt, og læreren melder bare til rektor – forsinkelsen belastes meldingen til eier
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Og læreren melder fra til rektor 2025-09-01 kl. 10:00
      Og rektor starter undersøkelsen 2025-09-10
      Når tilsynet vurderer saken 2025-09-15
      Så vurderes plikten "report_to_owner" som brudd
      Og plikten "investigate" vurderes som ikke vurderbar

  Regel: SCH-11 «Straks» er samme dag – en dag senere er et lovbrudd, ikke bare en lokal frist

    Scenariomal: En dag for sent er brudd for melding, melding til eier og undersøkelse
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Og læreren melder fra til rektor <melding>
      Og rektor melder fra til skoleeieren <eier>
      Og rektor starter undersøkelsen <undersøkelse>
      Når tilsynet vurderer saken 2025-09-15
      Så vurderes plikten "<plikt>" som brudd

      Eksempler:
        | melding               | eier                  | undersøkelse          | plikt               |
        | 2025-09-03 kl. 10:00  | 2025-09-03 kl. 11:00  | 2025-09-03 kl. 12:00  | report_to_principal |
        | 2025-09-01 kl. 10:00  | 2025-09-03 kl. 11:00  | 2025-09-03 kl. 12:00  | report_to_owner     |
        | 2025-09-01 kl. 10:00  | 2025-09-01 kl. 11:00  | 2025-09-04 kl. 12:00  | investigate         |
