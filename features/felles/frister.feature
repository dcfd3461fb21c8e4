# language: no
@felles @frist
Egenskap: Frister på norsk kalender – opplæringslova §§ 12-4 og 12-5 og barnehageloven § 42
  Fristene regnes på norsk kalender (Europe/Oslo): helger og offentlige fridager er ikke
  arbeidsdager, og enhetens egne stengedager er ikke skoledager. For hver åpen plikt viser
  actionloop lovens frist («snarast», «straks», datoene i planen), kommunens lokale frist (forfall)
  og dagen da en forsinkelse blir klart utover det saken tillot.

  Regel: SCH-05 «Snarast» regnes i skoledager på norsk kalender, fra rektor fikk vite om saken – opplæringslova § 12-4 andre ledd

    Scenariomal: <dato> (<navn>) er ikke en arbeidsdag
      Så er <dato> ikke en arbeidsdag

      Eksempler:
        | dato       | navn              |
        | 2025-04-17 | skjærtorsdag      |
        | 2025-04-18 | langfredag        |
        | 2025-04-21 | andre påskedag    |
        | 2025-05-01 | arbeidernes dag   |
        | 2024-05-17 | grunnlovsdagen    |
        | 2025-05-29 | Kristi himmelfart |
        | 2025-06-09 | andre pinsedag    |
        | 2025-12-26 | andre juledag     |
        | 2025-09-06 | lørdag            |

    Scenario: Saken meldes til rektor onsdag før påske
      Gitt en skolesak med en bekymring 2025-04-16
      Når læreren melder fra til rektor 2025-04-16
      Så er fristen for å starte undersøkelsen 2025-04-23
      Og fristen for å starte undersøkelsen er klart overskredet etter 2025-05-06
      Og lovens frist for å starte undersøkelsen er «snarest»
      Og hjemmelen for fristen for å starte undersøkelsen nevner «§ 12-4 andre ledd»

    Scenario: Fristen for å undersøke er ute
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når tilsynet vurderer saken 2025-09-04
      Så er fristen for å starte undersøkelsen overskredet

  Regel: SCH-03 Fristen for å melde fra til rektor er kommunens lokale frist; loven sier «så raskt som saken krever» – opplæringslova § 12-4 andre ledd

    Scenario: En bekymring onsdag før påske skal meldes til rektor første skoledag etter påske
      Gitt en skolesak med en bekymring 2025-04-16
      Så er fristen for å melde fra til rektor 2025-04-22
      Og fristen for å melde fra til rektor er klart overskredet etter 2025-04-28
      Og lovens frist for å melde fra til rektor er «så raskt som saken krever»

  Regel: SCH-11 Er en ansatt mistenkt, gjelder «straks» – opplæringslova § 12-5

    Scenario: En ansatt er mistenkt – meldingen, varselet til eier og undersøkelsen skal skje straks
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Så er fristen for å melde fra til rektor 2025-09-01
      Og lovens frist for å melde fra til rektor er «straks»
      Og hjemmelen for fristen for å melde fra til rektor nevner «§ 12-5»

  Regel: SCH-13 Rektor varsler eier og starter undersøkelsen straks når en ansatt er mistenkt – opplæringslova § 12-5

    Scenario: Rektor har fått meldingen om en ansatt
      Gitt en skolesak der en ansatt er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Når læreren melder fra til rektor 2025-09-01 kl. 10:00
      Så er fristen for å melde fra til eieren 2025-09-01
      Og lovens frist for å melde fra til eieren er «straks»
      Og fristen for å starte undersøkelsen er 2025-09-01
      Og lovens frist for å starte undersøkelsen er «straks»

  Regel: SCH-12 Er noen i ledelsen mistenkt, skal meldingen straks direkte til skoleeier – opplæringslova § 12-5

    Scenario: Rektor er mistenkt
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2025-09-01 kl. 09:00
      Så er fristen for å melde fra direkte til eieren 2025-09-01
      Og lovens frist for å melde fra direkte til eieren er «straks»
      Og saken har ingen åpen frist for å melde fra til rektor

  Regel: SCH-07 Klokken for planen starter når barnet selv sier at det ikke har det trygt og godt – opplæringslova § 12-4 tredje ledd

    Scenario: Eleven sier i samtalen at hun ikke har det bra – før undersøkelsen er konkludert
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Når rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og tilsynet vurderer saken 2025-09-04
      Så er fristen for å lage skriftlig plan 2025-09-09
      Og lovens frist for å lage skriftlig plan er «når tiltak settes inn»

  Regel: SCH-09 Evalueringen skal skje på datoen i planen – opplæringslova § 12-4 tredje ledd

    Scenario: Planen sier at tiltakene evalueres fredag 2025-09-19
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Når skolen lager en plan 2025-09-04 med evaluering 2025-09-19
      Og tilsynet vurderer saken 2025-09-22
      Så er planens dato for å evaluere tiltakene 2025-09-19
      Og fristen for å evaluere tiltakene er 2025-09-23
      Og fristen for å evaluere tiltakene er snart ute

  Regel: BHG-05 I barnehagen regnes fristen for å undersøke i arbeidsdager – barnehageloven § 42

    @barnehage @bhl
    Scenario: I barnehagen regnes fristene i arbeidsdager
      Gitt en barnehagesak med en bekymring 2025-04-16
      Når pedagogisk leder melder fra til styreren 2025-04-16
      Så er fristen for å starte undersøkelsen 2025-04-23
      Og hjemmelen for fristen for å starte undersøkelsen nevner «barnehageloven § 42»
