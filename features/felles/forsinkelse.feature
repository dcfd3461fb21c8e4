# language: no
@felles
Egenskap: En forsinkelse belastes plikten som forårsaket den – opplæringslova § 12-4 andre ledd, opplæringslova 1998 § 9 A-4 og barnehageloven § 42
  Statsforvalteren vurderer hver delplikt for seg. En sen melding til rektor er brudd på plikten
  til å melde fra – ikke på plikten til å undersøke: klokken for å undersøke starter når rektor
  (styreren) fikk vite om saken. På samme måte belastes en sen plan plikten til å sette inn tiltak,
  ikke undersøkelsen.

  Regel: SCH-03 En sen melding er brudd på plikten til å melde fra

    Scenariomal: Læreren venter tre uker med å melde fra i en <sak> – <lov>
      Gitt en <sak> med en bekymring <bekymring>
      Når læreren melder fra til <leder> <meldt>
      Og <leder> starter undersøkelsen <meldt>
      Så vurderes plikten "report_to_principal" som brudd
      Og hjemmelen for "report_to_principal" er «<hjemmel>»
      Og plikten "investigate" vurderes som oppfylt

      Eksempler:
        | sak          | lov                 | leder    | bekymring  | meldt      | hjemmel                                    |
        | skolesak     | opplæringslova 2023 | rektor   | 2025-09-01 | 2025-09-22 | opplæringslova § 12-4 andre ledd           |
        | skolesak     | opplæringslova 1998 | rektor   | 2023-10-02 | 2023-10-23 | opplæringslova (1998) § 9 A-4 andre ledd   |
        | barnehagesak | barnehageloven      | styreren | 2025-09-01 | 2025-09-22 | barnehageloven § 42                        |

  Regel: SCH-05 Klokken for å undersøke starter når rektor fikk vite om saken – opplæringslova § 12-4 andre ledd

    Scenario: Fristen for å undersøke regnes fra den sene meldingen, ikke fra bekymringen
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-19
      Så er fristen for å starte undersøkelsen 2025-09-23

    Scenario: Meldingen kom i tide, men undersøkelsen lot vente på seg
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når rektor starter undersøkelsen 2025-09-22
      Så vurderes plikten "report_to_principal" som oppfylt
      Og plikten "investigate" vurderes som brudd

  Regel: SCH-06 En sen plan er brudd på plikten til å sette inn tiltak, ikke på undersøkelsen – opplæringslova § 12-4 andre ledd

    Scenario: Undersøkelsen var rask, men planen kom fire uker etter konklusjonen
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Når skolen lager en plan 2025-10-01
      Så vurderes plikten "measures" som brudd
      Og plikten "investigate" vurderes som oppfylt
      Og plikten "written_plan" vurderes som oppfylt
      Og plikten "report_to_principal" vurderes som oppfylt
