# language: no
@barnehage @bhl @statsforvaltaren
Egenskap: Ingen håndhevingsordning for barnehager – barnehageloven kapittel VIII
  Lovgiveren vurderte, men innførte ikke, en individuell rett med en håndhevingsordning hos
  Statsforvalteren for barnehager. Foreldre tar saken opp med styreren, så med barnehageeieren og
  deretter med kommunen som barnehagemyndighet; Statsforvalteren fører tilsyn (§ 55 i særlige
  tilfeller), men behandler ikke enkeltsaker slik den gjør for skolen etter opplæringslova § 12-6.

  Regel: BHG-08 Statsforvalteren behandler ikke enkeltsaker om barnehagemiljøet

    Scenario: Foreldrene vil melde en barnehagesak til Statsforvalteren
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og pedagogisk leder melder fra til styreren 2025-09-01
      Og foreldrene tar saken opp med styreren 2025-09-02
      Når foreldrene prøver å melde saken til Statsforvalteren 2025-09-15
      Så avviser arbeidsflyten steget
      Og avvisningen nevner «ingen håndhevingsordning»

    Scenario: En barnehagesak har ingen dato for å gå til Statsforvalteren
      Gitt en barnehagesak med en bekymring 2025-09-01
      Og foreldrene tar saken opp med styreren 2025-09-02
      Så har foreldrene ingen dato for å melde saken til Statsforvalteren
      Og opplysningen om Statsforvalteren nevner «har ingen håndhevingsordning»
