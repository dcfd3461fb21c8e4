# language: no
@felles @statsforvaltaren @skole
Egenskap: Melde saka til Statsforvaltaren – opplæringslova § 12-6 og § 12-8, opplæringslova 1998 § 9 A-6
  Eleven eller foreldra kan melde saka til Statsforvaltaren når dei har teke ho opp med rektor og
  det har gått minst fem arbeidsdagar (den gamle lova: ei veke). Dagen saka vart teken opp er dag
  0; helger og offentlege fridagar er ikkje arbeidsdagar. Lova som galdt den dagen saka vart teken
  opp, avgjer kva ventetid som gjeld. Statsforvaltaren kan påleggje skolen tiltak med fristar og
  setje tvangsmulkt dersom pålegga ikkje blir gjennomførte.

  «Særlege grunnar» kan gjere unntak frå ventetida. Det avgjer Statsforvaltaren; actionloop
  modellerer ikkje unntaket, og arbeidsflyten tek ikkje imot ei melding før datoen.

  Regel: SCH-16 Familien kan melde saken til Statsforvalteren når den er tatt opp med rektor og ventetiden er over – opplæringslova § 12-6 og opplæringslova 1998 § 9 A-6

    @oppl2023
    Scenariomal: Saken tas opp med rektor <tatt_opp> (<dag>) – fem arbeidsdager
      Gitt en skolesak med en bekymring 2025-04-01
      Når foreldrene tar saken opp med rektor <tatt_opp>
      Så kan foreldrene melde saken til Statsforvalteren fra og med <første>

      Eksempler:
        | tatt_opp   | dag                      | første     |
        | 2025-09-01 | mandag                   | 2025-09-08 |
        | 2025-09-05 | fredag                   | 2025-09-12 |
        | 2025-04-16 | onsdag før påske         | 2025-04-28 |
        | 2025-12-19 | fredag før jul           | 2025-12-30 |

    @oppl1998
    Scenariomal: Saken tas opp med rektor <tatt_opp> – én uke etter den gamle loven
      Gitt en skolesak med en bekymring 2024-02-01
      Når foreldrene tar saken opp med rektor <tatt_opp>
      Så kan foreldrene melde saken til Statsforvalteren fra og med <første>

      Eksempler:
        | tatt_opp   | første     |
        | 2024-03-04 | 2024-03-11 |
        | 2024-03-22 | 2024-03-29 |

    @overgang @oppl1998
    Scenario: Saken ble tatt opp med rektor før 2024-08-01 – den gamle ventetiden gjelder
      Gitt en skolesak med en bekymring 2024-07-20
      Når foreldrene tar saken opp med rektor 2024-07-29
      Så kan foreldrene melde saken til Statsforvalteren fra og med 2024-08-05

    @oppl2023
    Scenario: Saken er ikke tatt opp med rektor
      Gitt en skolesak med en bekymring 2025-09-01
      Så har foreldrene ingen dato for å melde saken til Statsforvalteren
      Og opplysningen om Statsforvalteren nevner «ikke tatt opp med rektor»

    @oppl2023 @arbeidsflyt
    Scenario: Foreldrene vil melde saken før fem arbeidsdager har gått
      Gitt en skolesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med rektor 2025-09-01
      Når foreldrene prøver å melde saken til Statsforvalteren 2025-09-05
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «minst 5 arbeidsdager»
      Og avvisningen nevner «tidligst 2025-09-08»

    @oppl2023 @arbeidsflyt
    Scenario: Foreldrene melder saken når fem arbeidsdager har gått
      Gitt en skolesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med rektor 2025-09-01
      Når foreldrene prøver å melde saken til Statsforvalteren 2025-09-08
      Så godtar arbeidsflyten steget

    @oppl2023 @arbeidsflyt
    Scenario: Foreldrene kan ikke gå til Statsforvalteren uten å ha tatt saken opp med rektor
      Gitt en skolesak med en bekymring 2025-09-01
      Når foreldrene prøver å melde saken til Statsforvalteren 2025-09-15
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «ikke tatt saken opp med rektor»

    @oppl1998 @arbeidsflyt
    Scenario: Etter den gamle loven må det ha gått en uke
      Gitt en skolesak med en bekymring 2024-03-01
      Og foreldrene tar saken opp med rektor 2024-03-04
      Når foreldrene prøver å melde saken til Statsforvalteren 2024-03-10
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «7 dager»

  Regel: SCH-17 Skolen gjennomfører Statsforvalterens pålegg innen fristen i vedtaket – opplæringslova § 12-6

    @oppl2023
    Scenario: Statsforvalteren finner at aktivitetsplikten ikke er oppfylt og gir pålegg
      Gitt en skolesak med en bekymring 2025-09-01
      Og læreren melder fra til rektor 2025-09-01
      Og rektor starter undersøkelsen 2025-09-02
      Og eleven blir hørt 2025-09-02 og sier at hun ikke har det trygt og godt
      Og rektor konkluderer undersøkelsen 2025-09-03 med at eleven ikke har det trygt og godt
      Og skolen lager en plan 2025-09-04
      Og foreldrene tar saken opp med rektor 2025-09-15
      Og foreldrene melder saken til Statsforvalteren 2025-09-22
      Når Statsforvalteren kommer 2025-10-10 til at aktivitetsplikten ikke er oppfylt, med pålegg om ny plan innen 2025-10-24
      Og tilsynet vurderer saken 2025-10-13
      Så står saken hos Statsforvalteren i «Vedtak med pålegg»
      Og fristen for å gjennomføre pålegget er 2025-10-24
      Og hjemmelen for fristen for å gjennomføre pålegget nevner «§ 12-6»
      Og plikten "measures" vurderes som brudd
      Og begrunnelsen for "measures" nevner «ikke hadde oppfylt aktivitetsplikten»

    @oppl2023
    Scenario: Skolen gjennomfører pålegget
      Gitt en skolesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med rektor 2025-09-15
      Og foreldrene melder saken til Statsforvalteren 2025-09-22
      Og Statsforvalteren kommer 2025-10-10 til at aktivitetsplikten ikke er oppfylt, med pålegg om ny plan innen 2025-10-24
      Når skolen gjennomfører pålegget 2025-10-20
      Så står saken hos Statsforvalteren i «Avgjort»
      Og saken har ingen åpen frist for å gjennomføre pålegget

  Regel: SCH-19 Tvangsmulkt kan bare ilegges for å få gjennomført et vedtak med pålegg – opplæringslova § 12-8

    @oppl2023 @arbeidsflyt
    Scenario: Tvangsmulkt uten vedtak avvises
      Gitt en skolesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med rektor 2025-09-15
      Når Statsforvalteren prøver å ilegge tvangsmulkt 2025-10-01
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «Statsforvalteren har ikke gitt pålegg»

    @oppl2023
    Scenario: Pålegget er ikke gjennomført innen fristen, og Statsforvalteren ilegger tvangsmulkt
      Gitt en skolesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med rektor 2025-09-15
      Og foreldrene melder saken til Statsforvalteren 2025-09-22
      Og Statsforvalteren kommer 2025-10-10 til at aktivitetsplikten ikke er oppfylt, med pålegg om ny plan innen 2025-10-24
      Når Statsforvalteren ilegger tvangsmulkt 2025-11-03
      Så står saken hos Statsforvalteren i «Tvangsmulkt løper»
      Og opplysningen om Statsforvalteren nevner «Tvangsmulkt»
      Og opplysningen om Statsforvalteren nevner «§ 12-8»
