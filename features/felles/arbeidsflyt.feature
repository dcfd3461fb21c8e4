# language: no
@felles @arbeidsflyt
Egenskap: Saksgangen følger loven – opplæringslova §§ 12-4 og 12-5 og barnehageloven § 42
  Arbeidsflyten kjenner lovens rekkefølge: melde fra → undersøke → konkludere → skriftlig plan →
  evaluere → avslutte. Et steg som loven ikke tillater nå, avvises med en melding som sier hva som
  mangler. Saken kan ikke avsluttes mens barnet selv sier at det ikke har det trygt og godt.

  Regel: SCH-03 Saken meldes til rektor før den undersøkes – opplæringslova § 12-4 andre ledd

    @skole @oppl2023
    Scenario: Rektor vil starte en undersøkelse før noen har meldt fra
      Gitt en skolesak med en bekymring 2025-09-01
      Når rektor prøver å starte undersøkelsen 2025-09-02
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «ikke meldt til rektor»

  Regel: SCH-06 Tiltakene bygger på en undersøkelse – planen lages ikke før saken er undersøkt – opplæringslova § 12-4 andre og tredje ledd

    @skole @oppl2023
    Scenario: Skolen vil lage en plan før saken er undersøkt
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Når skolen prøver å lage en plan 2025-09-02
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «undersøkelsen er ikke startet»

    @skole @oppl2023
    Scenario: Planen lages etter at undersøkelsen viste at eleven ikke har det trygt og godt
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Når skolen prøver å lage en plan 2025-09-04
      Så godtar arbeidsflyten steget
      Og saken står i «Tiltak trengs – plan mangler»

  Regel: SCH-12 Bare når noen i ledelsen er mistenkt, går meldingen utenom rektor rett til skoleeier – opplæringslova § 12-5

    @skole @oppl2023
    Scenario: En lærer vil melde en vanlig sak direkte til skoleeier
      Gitt en skolesak med en bekymring 2025-09-01
      Når læreren prøver å melde fra direkte til skoleeieren 2025-09-01
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «noen i ledelsen er mistenkt»

    @skole @oppl2023
    Scenario: En lærer melder direkte til skoleeier fordi rektor er mistenkt
      Gitt en skolesak der rektor er mistenkt for å krenke eleven 2025-09-01
      Når læreren prøver å melde fra direkte til skoleeieren 2025-09-01
      Så godtar arbeidsflyten steget

  Regel: ALL-02 Saken avsluttes ikke mens barnet sier at det ikke har det trygt og godt – opplæringslova § 12-4 andre ledd og barnehageloven § 42

    @skole @oppl2023
    Scenario: Rektor vil avslutte en sak etter en undersøkelse som sier «trygt», men eleven sier noe annet
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven har det trygt og godt
      Når rektor prøver å avslutte saken 2025-09-04 mens eleven sier at hun ikke har det trygt og godt
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «ikke har det trygt og godt»

    @skole @oppl2023
    Scenario: Evalueringen kan ikke avslutte tiltakene mens eleven sier at hun ikke har det bra
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Når rektor prøver å avslutte tiltakene ved evalueringen 2025-09-18 mens eleven sier at hun ikke har det trygt og godt
      Så avviser arbeidsflyten steget
      Og saken står i «Tiltak pågår etter plan»

    @skole @oppl2023
    Scenario: Evalueringen avslutter tiltakene når eleven sier at hun har det trygt og godt
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04 med evaluering 2025-09-18
      Når rektor prøver å avslutte tiltakene ved evalueringen 2025-09-18 mens eleven sier at hun har det trygt og godt
      Så godtar arbeidsflyten steget

    @barnehage @bhl
    Scenario: Styreren vil avslutte en barnehagesak mens barnet sier at det ikke har det bra
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Og styreren starter undersøkelsen 2025-09-02
      Og barnet blir hørt 2025-09-02 og sier at det ikke har det trygt og godt
      Og styreren konkluderer undersøkelsen 2025-09-03 med at barnet har det trygt og godt
      Når styreren prøver å avslutte saken 2025-09-04 mens barnet sier at det ikke har det trygt og godt
      Så avviser arbeidsflyten steget
