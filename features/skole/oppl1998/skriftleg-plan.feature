# language: no
@skole @oppl1998
Egenskap: Skriftleg plan – opplæringslova 1998 § 9 A-4 sjette ledd
  Etter den gamle lova skulle planen seie kva problem tiltaka skal løyse, kva tiltak som er
  planlagde, når tiltaka skal gjennomførast, «kven som er ansvarleg for gjennomføringa av tiltaka»
  og når tiltaka skal evaluerast. Det er ansvaret – ikkje kven som gjennomfører – som må stå.

  Bakgrunn:
    Gitt en skolesak med en bekymring 2023-10-02
    Og læreren melder fra til rektor 2023-10-02
    Og rektor starter undersøkelsen 2023-10-03
    Og eleven blir hørt 2023-10-03 og sier at han ikke har det trygt og godt
    Og rektor konkluderer undersøkelsen 2023-10-05 med at eleven ikke har det trygt og godt

  Regel: SCH-07 Planen har de fem feltene – med hvem som er ansvarlig for tiltakene

    Scenario: En fullstendig plan etter den gamle loven
      Når skolen lager en plan 2023-10-06
      Så vurderes plikten "written_plan" som oppfylt
      Og hjemmelen for "written_plan" er «opplæringslova (1998) § 9 A-4 sjette ledd»
      Og begrunnelsen for "written_plan" nevner «hvem som er ansvarlig»

    Scenario: Planen sier hvem som gjennomfører, men ikke hvem som er ansvarlig – det holder ikke etter 1998-loven
      Når skolen lager en plan 2023-10-06
      Men planen sier ikke hvem som er ansvarlig for tiltakene
      Så vurderes plikten "written_plan" som brudd
      Og hjemmelen for "written_plan" nevner «§ 9 A-4 sjette ledd»
      Og begrunnelsen for "written_plan" nevner «mangler hvem som er ansvarlig»

    Scenario: Planen sier hvem som er ansvarlig, men ikke hvem som gjennomfører – det holder etter 1998-loven
      Når skolen lager en plan 2023-10-06
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Så vurderes plikten "written_plan" som oppfylt

    Scenario: Planen har ingen evalueringsdatoer
      Når skolen lager en plan 2023-10-06
      Men planen sier ikke når tiltakene skal evalueres
      Så vurderes plikten "written_plan" som brudd

  Regel: SCH-09 Tiltakene evalueres på datoene i planen

    Scenario: Evalueringen i planen blir aldri gjort før saken avsluttes
      Gitt skolen lager en plan 2023-10-06 med evaluering 2023-10-20
      Når saken avsluttes 2023-11-10 mens eleven sier at han har det trygt og godt
      Så vurderes plikten "evaluate" som brudd
      Og hjemmelen for "evaluate" nevner «§ 9 A-4»
