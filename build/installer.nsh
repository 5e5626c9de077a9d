; LAN Room's additions to electron-builder's NSIS installer (electron-builder.config.ts: nsis.include).
;
; Hosting a room means accepting connections from other machines, and Windows Firewall blocks
; inbound connections to a program it has no rule for. When LAN Room is installed for all users
; the installer runs elevated and adds an inbound rule for the app on private and domain
; networks (not public ones: a room is for the network you trust), and the uninstaller removes it.
; A per-user install runs without administrator rights and netsh cannot add rules, so there
; Windows asks the first time the app listens ("Windows Defender Firewall has blocked some
; features of this app"), and the app explains that prompt (see README, "Building installers").

!macro lanroomDeleteFirewallRule
  ; Deletes the rule by name and program; fails harmlessly when there is none.
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${PRODUCT_NAME}" dir=in program="$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  Pop $0
!macroend

!macro customInstall
  ${if} $installMode == "all"
    ; Delete first: netsh adds a duplicate for every reinstall or update otherwise.
    !insertmacro lanroomDeleteFirewallRule
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${PRODUCT_NAME}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" enable=yes profile=private,domain description="Lets people on your network join rooms you host in ${PRODUCT_NAME}."'
    Pop $0
    ${if} $0 != 0
      DetailPrint "Could not add the Windows Firewall rule (netsh exit code $0); Windows will ask when a room is hosted."
    ${endIf}
  ${endIf}
!macroend

!macro customUnInstall
  ${if} $installMode == "all"
    !insertmacro lanroomDeleteFirewallRule
  ${endIf}
!macroend
