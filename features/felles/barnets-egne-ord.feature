# language: no
@felles
Egenskap: Barnets egen opplevelse avgjør – opplæringslova § 12-4 andre ledd og barnehageloven § 42
  Det er elevens egen, subjektive opplevelse som avgjør om skolemiljøet er trygt og godt. Skolen
  trenger ikke «bevise mobbing» før den handler: når eleven sier at hun ikke har det trygt og godt,
  skal skolen sette inn tiltak – uansett hva undersøkelsen konkluderte med – og saken kan ikke
  avsluttes mens hun sier det.

  Regel: SCH-04 Når barnet sier at det ikke har det trygt og godt, trengs det tiltak – opplæringslova § 12-4 andre ledd

    @skole @oppl2023
    Scenario: Undersøkelsen konkluderer med «trygt», men eleven sier at hun ikke har det bra
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Når rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Og tilsynet vurderer saken 2025-10-15
      Så vurderes plikten "measures" som brudd
      Og plikten "written_plan" vurderes som brudd
      Og begrunnelsen for "measures" nevner «ingen tiltak er satt inn»

    @skole @oppl2023
    Scenario: Eleven sier selv fra, men ingen undersøker eller setter inn tiltak
      Gitt en skolesak der eleven selv sier fra 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når tilsynet vurderer saken 2025-10-15
      Så vurderes plikten "measures" som brudd

    @skole @oppl2023
    Scenario: Eleven sier at hun har det trygt og godt, og undersøkelsen viser det samme
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun har det trygt og godt
      Og rektor snakker med foreldrene 2025-09-02
      Når rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Og saken avsluttes 2025-09-04 mens eleven sier at hun har det trygt og godt
      Så vurderes plikten "measures" som ikke aktuell
      Og plikten "written_plan" vurderes som ikke aktuell
      Og plikten "evaluate" vurderes som ikke aktuell

  Regel: ALL-02 Saken avsluttes ikke mens barnet sier at det ikke har det trygt og godt – barnehageloven § 42 og opplæringslova 1998 § 9 A-4 fjerde ledd

    @barnehage @bhl
    Scenario: Barnehagen avslutter saken mens barnet sier at det ikke har det bra
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Og styreren starter undersøkelsen 2025-09-02
      Og barnet blir hørt 2025-09-02 og sier at det ikke har det trygt og godt
      Og styreren konkluderer undersøkelsen 2025-09-03 med at barnet ikke har det trygt og godt
      Og barnehagen lager en plan 2025-09-04 med evaluering 2025-09-18
      Når saken avsluttes 2025-09-18 mens barnet sier at det ikke har det trygt og godt
      Så vurderes plikten "measures" som brudd
      Og hjemmelen for "measures" er «barnehageloven § 42»

    @skole @oppl1998
    Scenario: Skolen avslutter en sak høsten 2023 mens eleven sier at han ikke har det bra
      Gitt en skolesak med en bekymring 2023-10-02
      Og læreren melder fra til rektor 2023-10-02
      Og rektor starter undersøkelsen 2023-10-03
      Og eleven blir hørt 2023-10-03 og sier at han ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2023-10-05 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2023-10-06 med evaluering 2023-10-20
      Når saken avsluttes 2023-10-20 mens eleven sier at han ikke har det trygt og godt
      Så vurderes plikten "measures" som brudd
      Og hjemmelen for "measures" nevner «§ 9 A-4»

  Regel: SCH-04 Barnets egne ord står til barnet selv sier at det har det trygt og godt – opplæringslova § 12-4 andre ledd

    @skole @oppl2023
    Scenario: Eleven sa selv fra, er usikker i samtalen, og saken avsluttes uten tiltak
      Gitt en skolesak der eleven selv sier fra 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun er usikker
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Når saken avsluttes 2025-09-04 mens eleven sier at hun er usikker
      Så vurderes plikten "measures" som brudd
      Og begrunnelsen for "measures" nevner «ingen tiltak er satt inn»
