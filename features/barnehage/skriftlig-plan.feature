# language: no
@barnehage @bhl
Egenskap: Skriftlig plan og tiltak – barnehageloven § 42
  Barnehagen skal sette inn egnede tiltak og lage en skriftlig plan når tiltak skal gjennomføres.
  Planen skal si hvilket problem tiltakene skal løse, hvilke tiltak som er planlagt, når tiltakene
  skal gjennomføres, hvem som er ansvarlig for gjennomføringen og når tiltakene skal evalueres.

  Bakgrunn:
    Gitt en barnehagesak med en bekymring 2025-09-01
    Og pedagogisk leder melder fra til styreren 2025-09-01
    Og styreren starter undersøkelsen 2025-09-02
    Og barnet blir hørt 2025-09-02 og sier at det ikke har det trygt og godt
    Og styreren konkluderer undersøkelsen 2025-09-03 med at barnet ikke har det trygt og godt

  Regel: BHG-06 Planen har de fem feltene – med hvem som er ansvarlig for tiltakene

    Scenario: En fullstendig plan i barnehagen
      Når barnehagen lager en plan 2025-09-04
      Så vurderes plikten "written_plan" som oppfylt
      Og hjemmelen for "written_plan" er «barnehageloven § 42»
      Og plikten "measures" vurderes som oppfylt

    Scenario: Planen sier ikke hvem som er ansvarlig for tiltakene
      Når barnehagen lager en plan 2025-09-04
      Men planen sier ikke hvem som er ansvarlig for tiltakene
      Så vurderes plikten "written_plan" som brudd
      Og begrunnelsen for "written_plan" nevner «mangler hvem som er ansvarlig»

    Scenario: Planen sier hvem som er ansvarlig, men ikke hvem som gjennomfører
      Når barnehagen lager en plan 2025-09-04
      Men planen sier ikke hvem som skal gjennomføre tiltakene
      Så vurderes plikten "written_plan" som oppfylt

    Scenario: Problembeskrivelsen er for generell
      Når barnehagen lager en plan 2025-09-04
      Men planen beskriver problemet som «Barnet har ikke et trygt og godt barnehagemiljø.»
      Så vurderes plikten "written_plan" som brudd

    Scenario: Tiltakene evalueres på datoen i planen, og saken avsluttes når barnet har det bra
      Gitt barnehagen lager en plan 2025-09-04 med evaluering 2025-09-18
      Og tiltakene gjennomføres 2025-09-17
      Når tiltakene evalueres 2025-09-18, barnet sier at det har det trygt og godt og utfallet er «avslutte»
      Og saken avsluttes 2025-09-18 mens barnet sier at det har det trygt og godt
      Så vurderes plikten "evaluate" som oppfylt
      Og hjemmelen for "evaluate" er «barnehageloven § 42»
      Og plikten "measures" vurderes som oppfylt

    Scenario: Barnehageloven har ingen alminnelig dokumentasjonsplikt ut over planen
      Når barnehagen lager en plan 2025-09-04
      Så vurderes plikten "document" som ikke aktuell
