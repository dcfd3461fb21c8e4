# language: no
@skole @oppl2023
Egenskap: Høyre eleven og vurdere det beste for eleven – opplæringslova §§ 10-1 og 10-2, jf. § 12-4
  Skolen skal høyre eleven det gjeld om hennar eiga oppleving, utan nedre aldersgrense, og
  vurdere kva som er best for eleven (merknaden til § 12-4; §§ 10-1 og 10-2). Eleven skal
  høyrast før skolen konkluderer.

  Regel: SCH-14 Eleven høres før skolen konkluderer, og elevens beste vurderes

    Scenario: Eleven blir hørt før undersøkelsen konkluderer
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Når eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-04 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-05
      Så vurderes plikten "hear_child" som oppfylt
      Og hjemmelen for "hear_child" nevner «§§ 10-1 og 10-2»

    Scenario: Skolen konkluderer uten å ha hørt eleven
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Når rektor snakker med foreldrene 2025-09-02
      Og rektor konkluderer undersøkelsen 2025-09-04 med at eleven har det trygt og godt
      Så vurderes plikten "hear_child" som brudd
      Og begrunnelsen for "hear_child" nevner «ikke hørt»

    Scenario: Eleven blir først hørt etter at skolen har konkludert
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Når rektor konkluderer undersøkelsen 2025-09-04 med at eleven ikke har det trygt og godt
      Og eleven blir hørt 2025-09-08 og sier at hun ikke har det trygt og godt
      Så vurderes plikten "hear_child" som brudd

    Scenario: Planen sier ikke noe om elevens beste
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-04 med at eleven ikke har det trygt og godt
      Når skolen lager en plan 2025-09-05
      Men planen sier ikke noe om elevens beste
      Så vurderes plikten "hear_child" som advarsel
      Og begrunnelsen for "hear_child" nevner «barnets beste»
