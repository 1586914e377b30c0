// Base component and `lwc` typings published by Salesforce.
import '@salesforce/lightning-types';
