"""The kiosk: kiosk.yaml (config), the idle timer (idle), the operator's PIN (pin), the attract
loop's flight (attract), the status panel's lines (status) -- all pure -- and the flow between the
attract loop, the start screen, a visit and the PIN pad (flow) with its composition (run)."""
