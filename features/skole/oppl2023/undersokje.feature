# language: no
@skole @oppl2023
Egenskap: Undersøkje saka snarast – opplæringslova § 12-4 andre ledd
  «Skolen skal snarast undersøkje saka […].»

  «Snarast» har ikke et fast antall dager. Klokken for å undersøke starter når rektor fikk vite
  om saken – en forsinkelse belastes den plikten som forårsaket den. Kommunens lokale frist er to
  skoledager (samme dag i alvorlige saker); mer enn ti skoledager (fem i alvorlige saker) er brudd.

  Regel: SCH-05 Skolen starter undersøkelsen snarest etter at rektor fikk vite om saken

    Scenariomal: Undersøkelsen starter <start>
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når rektor starter undersøkelsen <start>
      Så vurderes plikten "investigate" som <vurdering>
      Og hjemmelen for "investigate" er «opplæringslova § 12-4 andre ledd»

      Eksempler:
        | start      | vurdering | forklaring                                  |
        | 2025-09-01 | oppfylt   | samme dag                                   |
        | 2025-09-03 | oppfylt   | to skoledager – innen den lokale fristen    |
        | 2025-09-05 | advarsel  | fire skoledager – over den lokale fristen   |
        | 2025-09-15 | advarsel  | ti skoledager – ennå ikke klart for sent    |
        | 2025-09-16 | brudd     | elleve skoledager – ikke «snarast»          |

    Scenario: Rektor får vite om saken sent – undersøkelsen er likevel i tide
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren melder fra til rektor 2025-09-19
      Og rektor starter undersøkelsen 2025-09-19
      Så vurderes plikten "report_to_principal" som brudd
      Og plikten "investigate" vurderes som oppfylt
      Og begrunnelsen for "investigate" nevner «fikk vite om saken 2025-09-19»

    Scenario: En alvorlig sak undersøkes først etter seks skoledager
      Gitt en skolesak med en bekymring 2025-09-01
      Og bekymringen gjelder et alvorlig tilfelle
      Og læreren melder fra til rektor 2025-09-01
      Når rektor starter undersøkelsen 2025-09-09
      Så vurderes plikten "investigate" som brudd

    Scenario: Saken er meldt, men ikke undersøkt, og fristen er ikke ute
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når tilsynet vurderer saken 2025-09-02
      Så vurderes plikten "investigate" som ikke vurderbar

    Scenario: Saken er meldt, men aldri undersøkt
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når tilsynet vurderer saken 2025-10-15
      Så vurderes plikten "investigate" som brudd
