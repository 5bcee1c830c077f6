"""The kiosk: kiosk.yaml (config), the idle timer (idle), the operator's PIN (pin) and the flow
between the attract loop, the start screen and a visit (flow, which alone touches the display)."""
